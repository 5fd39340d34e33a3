"""A case body is bound as its UTF-8 bytes and kept as text: the row holds the case's JSON
text, as when it was bound as text, whether the case was inserted, saved alone or saved in
a tick's batch."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.json_text import dumps
from complaintkit.storage.sqlite import SQLiteStorage

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
POLICY = Path(__file__).parents[2] / "policies/ecommerce/online-shop.yaml"


def _stored(path: Path) -> dict[str, tuple[str, object]]:
    db = sqlite3.connect(path)
    try:
        return {
            case_id: (kind, body)
            for case_id, kind, body in db.execute("SELECT id, typeof(body), body FROM cases")
        }
    finally:
        db.close()


def test_inserted_and_saved_bodies_are_the_cases_json_text(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    clock = ManualClock(NOW)
    storage = SQLiteStorage(f"sqlite:///{path}")
    desk = Desk(load_policy(POLICY), storage=storage, clock=clock)
    case = desk.intake(
        {
            "channel": "app",
            "external_id": "A-1",
            "received_at": NOW.isoformat(),
            "customer": {"id": "c-1", "name": "王女士"},
            "text": "快递三天没动 客服也不回 🙁",
        }
    )
    desk.note(case.id, "已联系仓库 预计明天发出", actor="lin.kefu")
    clock.set(NOW + timedelta(days=3))
    assert desk.tick().cases == 1  # saved in a batch
    stored = storage.get(case.id)
    storage.close()
    assert _stored(path) == {case.id: ("text", dumps(stored.to_json()))}
