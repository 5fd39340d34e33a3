"""An agent token is compared in constant time whatever was sent: ``compare_digest`` of
values of different lengths answers at once, so how fast a wrong token is refused would
tell its length. Both sides are hashed to one size before they are compared."""

from __future__ import annotations

import hmac
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint
from loopback import loopback_client

AGENT = "agent-token-0123456789"

OTHER = "x" * 40


@pytest.fixture(scope="module", name="served")
def served_fixture() -> Iterator[tuple[httpx.Client, Desk, str]]:
    desk = Desk()
    case_id = desk.intake(make_complaint("TL1")).id
    app = create_app(desk, agent_tokens={AGENT: "li.na", OTHER: "wu.fang"})
    with running_server(app) as url, loopback_client(base_url=url) as client:
        yield client, desk, case_id


def _note(served: tuple[httpx.Client, Desk, str], token: str) -> int:
    client, _, case_id = served
    auth = {"Authorization": f"Bearer {token}"}
    return client.post(f"/cases/{case_id}/note", json={"text": "ok"}, headers=auth).status_code


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(token=st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=80))
def test_every_comparison_is_of_equal_lengths(
    served: tuple[httpx.Client, Desk, str], token: str
) -> None:
    compared: list[tuple[int, int]] = []
    real = hmac.compare_digest

    def recording(a: bytes, b: bytes) -> bool:
        compared.append((len(a), len(b)))
        return real(a, b)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(hmac, "compare_digest", recording)
        status = _note(served, token)
    assert status == (200 if token in (AGENT, OTHER) else 401)
    assert compared
    assert all(a == b for a, b in compared)


def test_the_right_token_still_names_its_agent(served: tuple[httpx.Client, Desk, str]) -> None:
    _, desk, case_id = served
    assert _note(served, AGENT) == 200
    assert desk.history(case_id)[-1].actor == "li.na"
    assert _note(served, AGENT[:-1]) == 401
    assert _note(served, AGENT + "0") == 401
