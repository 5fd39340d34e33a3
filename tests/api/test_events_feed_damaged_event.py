"""GET /events over a store holding one event altered outside complaintkit (its body no
event): every page from before it answered 503 "storage is unavailable; retry later", for
as long as the damage stayed, so a publisher retried forever, never told what was wrong, and
never got even the events stored before it. The page now holds the events up to the damaged
one; the next is a 500 naming the case and the event, saying retrying will not help (and
``/openapi.json`` declares it)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

AGENT = "agent-token-0123456789"
BEARER = {"Authorization": f"Bearer {AGENT}"}


def test_the_feed_gives_what_comes_before_a_damaged_event_then_names_it(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    desk = Desk(storage=f"sqlite:///{db}")
    ids = [
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
    before = [(ids[0], e.seq) for e in desk.history(ids[0])] + [(ids[1], 1)]
    with closing(sqlite3.connect(db, isolation_level=None)) as connection:
        connection.execute(
            "UPDATE events SET body = '{\"kind\": 5}' WHERE case_id = ? AND seq = 2", (ids[1],)
        )
    app = create_app(desk, agent_tokens={AGENT: "li.na"})
    with running_server(app) as url, loopback_client(base_url=url) as client:
        first = client.get("/events", params={"limit": 100}, headers=BEARER)
        assert first.status_code == 200
        assert [(e["case_id"], e["seq"]) for e in first.json()["events"]] == before
        stuck = client.get(
            "/events", params={"after": first.json()["cursor"], "limit": 100}, headers=BEARER
        )
        declared = client.get("/openapi.json").json()["paths"]["/events"]["get"]["responses"]
    desk.storage.close()
    assert stuck.status_code == 500
    said = stuck.json()["error"]
    assert f"case {ids[1]}: stored event 2 is damaged" in said
    assert "retrying will not help" in said
    assert "500" in declared
