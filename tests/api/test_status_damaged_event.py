"""The customer's status page for a case one of whose stored events is damaged.

One event body altered outside complaintkit (not JSON) made ``GET /status/<token>``
answer 503, "try again later", to the customer for as long as the damage stays: their
case's status, promises and the updates sent to them were gone from the page. The page
now shows the case from its body with the events that can be read, the damaged one left
out and not spoken of (no event number, no store); staff see it in ``cases show``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server
from loopback import loopback_client

SENT = "We have asked the courier; it arrives tomorrow."


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[httpx.Client, str]]:
    """A server over a SQLite file whose case's note (event 3) is damaged, and its token."""
    db = tmp_path / "cases.db"
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        desk = Desk(storage=storage)
        case = desk.intake(
            {
                "channel": "web",
                "external_id": "W1",
                "received_at": datetime(2026, 11, 23, 9, tzinfo=UTC).isoformat(),
                "customer": {"id": "C1"},
                "text": "the parcel is late",
            }
        )
        desk.respond(case.id, SENT, actor="agent")
        desk.note(case.id, "courier rang back", actor="agent")
        seq = len(desk.history(case.id))
        with closing(sqlite3.connect(db)) as raw, raw:
            raw.execute(
                "UPDATE events SET body = '{nope' WHERE case_id = ? AND seq = ?", (case.id, seq)
            )
        token = desk.storage.get(case.id).status_token
        with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
            yield client, token


def test_the_status_page_shows_the_case_without_the_damaged_event(
    served: tuple[httpx.Client, str],
) -> None:
    client, token = served
    response = client.get(f"/status/{token}", headers={"Accept": "text/html"})
    assert response.status_code == 200, response.text
    assert SENT in response.text
    assert "damaged" not in response.text
    assert "cases.db" not in response.text


def test_the_status_json_shows_the_case_without_the_damaged_event(
    served: tuple[httpx.Client, str],
) -> None:
    client, token = served
    response = client.get(f"/status/{token}", headers={"Accept": "application/json"})
    assert response.status_code == 200, response.text
    view = response.json()
    assert view["status"] == "acknowledged"
    assert [u["message"] for u in view["updates"]] == [SENT]
    assert "damaged" not in response.text
