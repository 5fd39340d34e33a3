"""A SQLite store from before ``step_answers`` migrates to keep agents' step answers: the
table is added, the cases stay, and an answer kept is found by a store opened later until
it expires."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_schema import MIGRATIONS
from complaintkit.storage.sqlite_step_answers import STEP_ANSWERS
from complaintkit.storage.step_answers import StepAnswer
from complaintkit.testing.storage_contract import make_complaint

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_a_store_from_before_the_table_migrates_to_keep_answers(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        case_id = Desk(storage=storage).intake(make_complaint("before")).id
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE step_answers")
        db.execute(f"PRAGMA user_version = {MIGRATIONS.index(STEP_ANSWERS)}")
    answer = StepAnswer(b"digest", 200, {"case_id": case_id, "version": 2}, T0)
    with SQLiteStorage(f"sqlite:///{path}") as storage, storage.transaction():
        assert storage.get(case_id).id == case_id
        assert storage.claim_step_key("li.na", "k", T0 - timedelta(days=1)) is None
        storage.keep_step_answer("li.na", "k", answer)
    with SQLiteStorage(f"sqlite:///{path}") as storage, storage.transaction():
        assert storage.claim_step_key("li.na", "k", T0) == answer
        assert storage.claim_step_key("li.na", "k", T0 + timedelta(seconds=1)) is None
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (len(MIGRATIONS),)
        assert db.execute("SELECT count(*) FROM step_answers").fetchone() == (0,)
