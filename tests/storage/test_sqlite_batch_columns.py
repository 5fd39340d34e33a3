"""A tick's batch save writes a case's indexed columns only where they changed, and leaves
every row as a save of all of them would: a case the tick reassigned and one it only
warned on both hold their case's status, owner and category, and are found by them."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.sqlite import SQLiteStorage

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
POLICY = Path(__file__).parents[2] / "policies/ecommerce/online-shop.yaml"


def test_reassigned_and_merely_warned_cases_hold_their_columns(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    clock = ManualClock(NOW)
    storage = SQLiteStorage(f"sqlite:///{path}")
    desk = Desk(load_policy(POLICY), storage=storage, clock=clock)
    tick_at = NOW + timedelta(days=3)
    received = {"A-1": NOW, "A-2": tick_at - timedelta(hours=13)}  # overdue; half its day
    opened = {}
    for key, at in received.items():
        clock.set(at)
        opened[key] = desk.intake(
            {
                "channel": "app",
                "external_id": key,
                "received_at": at.isoformat(),
                "customer": {"id": "c-1"},
                "text": "快递三天没动 客服也不回",
            }
        )
    clock.set(tick_at)
    assert desk.tick().cases == 2  # one batch
    after = {key: storage.get(case.id) for key, case in opened.items()}
    assert after["A-1"].owner != opened["A-1"].owner  # escalated and reassigned
    assert after["A-2"].owner == opened["A-2"].owner  # warned only
    db = sqlite3.connect(path)
    rows = {
        case_id: rest
        for case_id, *rest in db.execute(
            "SELECT id, version, status, is_open, owner, category FROM cases"
        )
    }
    for case in after.values():
        columns = [case.version, case.status.value, int(case.is_open), case.owner, case.category]
        assert rows[case.id] == columns
        (found,) = db.execute(
            "SELECT id FROM cases WHERE owner = ? AND status = ?", (case.owner, case.status.value)
        ).fetchone()
        assert found == case.id
    db.close()
    storage.close()
