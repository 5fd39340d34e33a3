"""GET /events over a store holding one event altered outside complaintkit (its body no
event): every page from before it answered 503 "storage is unavailable; retry later", for
as long as the damage stayed, so a publisher retried forever, never told what was wrong;
then the page held the events up to the damaged one and the next was a 500 — the feed still
stopped there for good. Now the page holds every event it can read, names each damaged one
in ``damaged`` (its case, its number and what is wrong, as ``replay`` names them) and its
cursor goes past it; ``/openapi.json`` declares no 500. A storage that cannot read past a
damaged event answers a 409 naming it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.errors import DamagedRecord
from complaintkit.storage.base import EventPage
from complaintkit.storage.memory import MemoryStorage
from complaintkit.testing.server import running_server
from loopback import loopback_client

AGENT = "agent-token-0123456789"
BEARER = {"Authorization": f"Bearer {AGENT}"}


def opened(desk: Desk) -> list[str]:
    return [
        desk.intake(
            {
                "channel": "web",
                "external_id": f"坏{n}",
                "received_at": datetime(2026, 11, 2, 9, n, tzinfo=UTC).isoformat(),
                "customer": {"id": f"顾客{n}"},
                "text": "收银员态度很差",
            }
        ).id
        for n in range(3)
    ]


def test_the_feed_gives_every_readable_event_and_names_the_damaged_one(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    desk = Desk(storage=f"sqlite:///{db}")
    ids = opened(desk)
    every = [(e.case_id, e.seq) for page in [desk.events_since(None, 1000)] for e in page.events]
    with closing(sqlite3.connect(db, isolation_level=None)) as connection:
        connection.execute(
            "UPDATE events SET body = '{\"kind\": 5}' WHERE case_id = ? AND seq = 2", (ids[1],)
        )
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    with running_server(app) as url, loopback_client(base_url=url) as client:
        first = client.get("/events", params={"limit": 100}, headers=BEARER)
        after = client.get(
            "/events", params={"after": first.json()["cursor"], "limit": 100}, headers=BEARER
        )
        declared = client.get("/openapi.json").json()["paths"]["/events"]["get"]["responses"]
    desk.storage.close()
    assert first.status_code == 200
    page = first.json()
    assert [(e["case_id"], e["seq"]) for e in page["events"]] == [
        key for key in every if key != (ids[1], 2)
    ]
    [damaged] = page["damaged"]
    assert (damaged["case_id"], damaged["seq"]) == (ids[1], 2)
    assert f"case {ids[1]}: stored event 2 is damaged" in damaged["problem"]
    assert after.status_code == 200
    assert after.json()["events"] == []
    assert "damaged" not in after.json()
    assert "500" not in declared


class _UnpassableDamage(MemoryStorage):
    """A backend without ``events_readable_since`` whose second event is damaged."""

    def events_since(self, cursor: str | None, limit: int) -> EventPage:
        page = super().events_since(cursor, limit)
        start = int(cursor or 0)
        if start < 2 <= start + limit and len(page.events) + start >= 2:
            raise DamagedRecord("case X: stored event 2 is damaged: not valid JSON")
        return page


def test_a_storage_that_cannot_pass_a_damaged_event_answers_409_naming_it() -> None:
    desk = Desk(storage=_UnpassableDamage())
    opened(desk)
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    with running_server(app) as url, loopback_client(base_url=url) as client:
        first = client.get("/events", params={"limit": 100}, headers=BEARER)
        stuck = client.get(
            "/events", params={"after": first.json()["cursor"], "limit": 100}, headers=BEARER
        )
    assert first.status_code == 200
    assert len(first.json()["events"]) == 1
    assert stuck.status_code == 409
    assert "case X: stored event 2 is damaged" in stuck.json()["error"]
    assert "retrying will not help" in stuck.json()["error"]
