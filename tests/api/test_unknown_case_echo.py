"""A 404 for an unknown case names the field and quotes the id it was given, cut short: an
id of many kilobytes is not written back whole into every refusal (and the logs reading
them)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.api.agent import STEPS
from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

AGENT = "agent-token-0123456789"
AUTH = {"Authorization": f"Bearer {AGENT}"}
#: A body each step takes, so that only the case is unknown.
BODIES: dict[str, dict[str, object]] = {
    "note": {"text": "hi"},
    "update": {"message": "hi"},
    "respond": {"message": "hi"},
    "assign": {"owner": "qa.zhou"},
    "follow-up": {"score": 5},
    "root-cause": {"fishbone": "partner", "whys": ["w"], "nature": "systemic"},
    "compensation": {},
    "approve": {"id": "comp-1", "role": "supervisor"},
    "reject": {"id": "comp-1", "role": "supervisor", "reason": "r"},
    "offer": {"id": "comp-1"},
    "accept": {"id": "comp-1"},
    "decline": {"id": "comp-1"},
    "close": {},
    "events": {"name": "holding_reply"},
    "transition": {"to": "investigating"},
    "resolve": {"resolution": "refunded"},
}
#: Longer than any quoted id may be in an answer.
QUOTED_AT_MOST = 200


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    app = create_app(Desk(), agent_tokens={AGENT: "li.na"})
    with running_server(app) as url, loopback_client(base_url=url, headers=AUTH) as session:
        yield session


@pytest.mark.parametrize("step", sorted(BODIES))
def test_a_long_unknown_case_id_is_quoted_cut_short_and_named(
    client: httpx.Client, step: str
) -> None:
    assert set(BODIES) == {*STEPS, "respond", "transition", "resolve"}
    case_id = "CK-" + "9" * 12_000
    response = client.post(f"/cases/{case_id}/{step}", json=BODIES[step])
    assert response.status_code == 404, response.text[:300]
    body = response.json()
    assert body["field"] == "case_id"
    assert len(body["error"]) < QUOTED_AT_MOST
    assert "CK-999" in body["error"]  # still says which id was meant
    assert len(response.content) < 2 * QUOTED_AT_MOST + 100


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case_id=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=3000))
def test_any_unknown_case_id_is_a_bounded_404_naming_the_field(
    client: httpx.Client, case_id: str
) -> None:
    response = client.post(f"/cases/{quote(case_id, safe='')}/note", json={"text": "hi"})
    if response.status_code == 404 and response.json()["field"] != "path":  # a route took it
        assert response.json()["field"] == "case_id"
        assert len(response.json()["error"]) < QUOTED_AT_MOST
    assert response.status_code < 500


@pytest.mark.parametrize("character", ["\x85", "\u200b", "\U000e0001", "'", "\\"])
def test_an_id_of_characters_written_escaped_is_quoted_within_the_bound(
    client: httpx.Client, character: str
) -> None:
    """The cut counted the id's characters, not what quoting writes for them: sixty of a
    character written as an escape (``\\x85``, ``\\U000e0001``) made a 404 of up to 640
    characters (found by the property above)."""
    case_id = character * 120
    response = client.post(f"/cases/{quote(case_id, safe='')}/note", json={"text": "hi"})
    assert response.status_code == 404
    error = response.json()["error"]
    assert len(error) < QUOTED_AT_MOST
    assert "(120 characters)" in error
