"""A SQLite store from before the plan mark migrates to hold it: the table and its one row
are added and no version is recorded; the first tick reads which versions planned it from
its open cases (``test_replan_unrecorded_store``)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from complaintkit.storage.plan_mark import PlanMark
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_plan_mark import PLAN_MARK
from complaintkit.storage.sqlite_schema import MIGRATIONS

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def _rewind(path: Path) -> None:
    """The store as the version before the plan mark left it."""
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE plan_mark")
        db.execute(f"PRAGMA user_version = {MIGRATIONS.index(PLAN_MARK)}")


def test_a_store_from_before_the_plan_mark_migrates_to_hold_one(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    with SQLiteStorage(f"sqlite:///{path}") as storage, storage.hold_plan_mark():
        storage.set_plan_mark(PlanMark("1"))
    _rewind(path)
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        with storage.hold_plan_mark() as mark:
            assert mark is None
            storage.set_plan_mark(PlanMark("2", target="3", after="CK-1"))
        with storage.hold_plan_mark() as mark:
            assert mark == PlanMark("2", target="3", after="CK-1")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (len(MIGRATIONS),)
        assert db.execute("SELECT count(*) FROM plan_mark").fetchone() == (1,)


def test_a_mark_set_in_a_block_that_raises_is_undone(tmp_path: Path) -> None:
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        try:
            with storage.hold_plan_mark():
                storage.set_plan_mark(PlanMark("1"))
                raise RuntimeError("cut short")
        except RuntimeError:
            pass
        with storage.hold_plan_mark() as mark:
            assert mark is None
