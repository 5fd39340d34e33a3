"""A customer's earlier case whose stored row was damaged outside complaintkit (its body's
``id`` edited to null, as ``audit verify`` reports) must not refuse their next complaint: the
history facts read that case by its own fields."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.desk.history import StoredHistory
from complaintkit.model.lifecycle import Status
from complaintkit.policy.compiled import load_policy

START = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)


def test_open_cases_as_of_an_instant_reads_past_a_row_naming_no_id(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    clock = ManualClock(START)
    desk = Desk(
        load_policy("policies/retail/supermarket.yaml"), storage=f"sqlite:///{db}", clock=clock
    )
    try:
        complaint = {
            "channel": "web",
            "external_id": "1",
            "received_at": START.isoformat(),
            "customer": {"id": "C1"},
            "text": "the bread was damaged",
        }
        damaged = desk.intake(complaint)
        clock.advance(timedelta(days=10))
        desk.transition(damaged.id, Status.WITHDRAWN, actor="customer", reason="sorted out")
        with closing(sqlite3.connect(db, isolation_level=None)) as connection:
            (body,) = connection.execute(
                "SELECT body FROM cases WHERE id = ?", (damaged.id,)
            ).fetchone()
            edited = {**json.loads(body), "id": None}
            connection.execute(
                "UPDATE cases SET body = ? WHERE id = ?", (json.dumps(edited), damaged.id)
            )
        history = StoredHistory(desk.storage, "C1", clock.now()).as_of(START + timedelta(days=3))
        # its history cannot be found: it counts by its own fields (withdrawn by its last
        # change, after the instant asked about: open then)
        assert history.open_cases() == 1
    finally:
        desk.storage.close()
