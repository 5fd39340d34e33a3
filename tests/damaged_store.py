"""A SQLite store damaged on disk under one table, as a failing disk or a copy taken
mid-write leaves it: what the commands reading that table must name rather than crash on."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def filled(path: Path) -> None:
    """A store of 200 cases at ``path``."""
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        Desk(storage=storage, clock=ManualClock(NOW)).intake_many(
            [make_complaint(f"k{n}") for n in range(200)]
        )


def damaged_under(path: Path, table: str) -> None:
    """A store of 200 cases whose ``table`` has its root page overwritten: the file opens,
    its schema and every other table read, and reading ``table`` meets the damage."""
    filled(path)
    with closing(sqlite3.connect(path)) as db:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        (root,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,))
    with path.open("r+b") as handle:
        handle.seek((root[0] - 1) * page_size)
        handle.write(b"\xa5" * page_size)
