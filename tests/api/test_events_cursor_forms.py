"""GET /events reads ``after`` in the form of its store's cursors, on every store: a number
written another way (a sign, a blank, an exponent, digits of another script, a dot where
the store writes none) is a 422 naming ``after``, never read as the number it resembles.
PostgreSQL's cursors are ``<transaction>.<position>``, so ``1.1`` has their form there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
AUTH = {"Authorization": f"Bearer {AGENT}"}
#: Numbers written as no store writes a cursor.
NOT_CURSORS = [" 1", "1 ", "+1", "-1", "1e0", "1_0", "0x1", "\uff11", "\u0663", "1.0e0", "NaN",
               "1.1.1", ".1", "1.", "1..1", " 1.1", "1.1 ", "+1.1", "1.+1", "1.1e0", "\uff11.1",
               "1_0.1", "1.\u0661", "0b1.1", "1,1", "1\x00"]  # fmt: skip
#: The position cursors of the embedded stores are whole numbers, PostgreSQL's are two.
EMBEDDED_ONLY = ["1.1", "0.0", "1.0"]


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[httpx.Client, str]]:
    store = request.param
    if store == "postgresql":
        url = request.getfixturevalue("postgres_url")
    else:
        url = "memory://" if store == "memory" else f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(storage=url)
    desk.intake(make_complaint("CURSOR-1"))
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    with running_server(app) as base, loopback_client(base_url=base, headers=AUTH) as client:
        yield client, store
    desk.storage.close()


def test_a_number_written_otherwise_is_no_cursor(served: tuple[httpx.Client, str]) -> None:
    client, store = served
    first = client.get("/events")
    assert first.status_code == 200
    assert client.get("/events", params={"after": first.json()["cursor"]}).status_code == 200
    refused = NOT_CURSORS + (EMBEDDED_ONLY if store != "postgresql" else [])
    for after in refused:
        response = client.get("/events", params={"after": after})
        assert response.status_code == 422, (store, after, response.text)
        assert response.json()["field"] == "after", (store, after)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(after=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=30))
def test_any_after_is_a_page_or_a_422_naming_it(
    served: tuple[httpx.Client, str], after: str
) -> None:
    client, _ = served
    response = client.get("/events", params={"after": after})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 422:
        assert response.json()["field"] == "after"
    else:
        assert response.json()["cursor"]
