"""A report row whose text was damaged outside complaintkit (bytes that are no UTF-8) is
written again from its case when the case is next saved, as any row that differs is."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def test_a_report_row_with_text_that_is_no_utf8_is_written_again(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    storage = SQLiteStorage(f"sqlite:///{path}")
    desk = Desk(storage=storage, clock=ManualClock(NOW))
    case = desk.intake(
        {
            "channel": "app",
            "external_id": "A-1",
            "received_at": NOW.isoformat(),
            "customer": {"id": "c-1"},
            "text": "牛奶变质了",
        }
    )
    db = sqlite3.connect(path, isolation_level=None)
    wanted = db.execute("SELECT status, channel FROM case_facts").fetchall()
    db.execute("UPDATE case_facts SET channel = CAST(X'FF41' AS TEXT)")
    desk.note(case.id, "已联系仓库", actor="lin.kefu")
    assert db.execute("SELECT status, channel FROM case_facts").fetchall() == wanted
    db.close()
    storage.close()
