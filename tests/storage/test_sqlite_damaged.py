"""A database file damaged on disk (a failing disk, a copy taken mid-write) fails in
``sqlite3.DatabaseError``, which is no ``OperationalError``: it escaped as a traceback from
every command, and intake took it for a complaint the store could not hold — each one of
the batch was tried alone and refused. It is the store failing: a ``StorageError`` naming
the file, and nothing taken for the records' fault."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import StorageError
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_opened_file import OpenedFile
from complaintkit.storage.sqlite_transaction import write_transaction
from complaintkit.testing.storage_contract import make_complaint

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
PAGE = 4096


def damaged_store(path: Path) -> SQLiteStorage:
    """A store open on ``path`` whose pages past the schema are then overwritten."""
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        Desk(storage=storage, clock=ManualClock(NOW)).intake_many(
            [make_complaint(f"k{n}") for n in range(200)]
        )
    storage = SQLiteStorage(f"sqlite:///{path}")  # its schema read while it was whole
    size = path.stat().st_size
    with path.open("r+b") as handle:
        for offset in range(8 * PAGE, size, PAGE):
            handle.seek(offset)
            handle.write(b"\xa5" * PAGE)
    return storage


def test_reading_and_taking_in_from_a_damaged_file_are_storage_errors(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    storage = damaged_store(path)
    try:
        desk = Desk(storage=storage, clock=ManualClock(NOW))
        with pytest.raises(StorageError, match=str(path)):
            desk.intake_many([make_complaint(f"new{n}") for n in range(3)])
        with pytest.raises(StorageError, match=str(path)):
            list(storage.case_ids())
        with pytest.raises(StorageError, match=str(path)):
            storage.dead_letter("in.jsonl:1", b"{", "line: is not JSON", NOW)
    finally:
        storage.close()


def write(db: sqlite3.Connection, path: Path, *statements: str) -> None:
    """``statements`` in one write transaction, then a damaged page if none failed."""
    with write_transaction(db, threading.RLock(), OpenedFile(path), known=0):
        for statement in statements:
            db.execute(statement)
        raise sqlite3.DatabaseError("database disk image is malformed")


def test_a_damaged_page_met_while_writing_fails_the_store_not_the_record(tmp_path: Path) -> None:
    """The batch is not split to find a complaint at fault, as for a value SQLite refuses
    (a constraint), which still reaches intake as it is."""
    path = tmp_path / "cases.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE t (k TEXT PRIMARY KEY)")
    with pytest.raises(StorageError, match=str(path)):
        write(db, path, "INSERT INTO t VALUES ('a')")
    with pytest.raises(sqlite3.IntegrityError):
        write(db, path, "INSERT INTO t VALUES ('b')", "INSERT INTO t VALUES ('b')")
    assert db.execute("SELECT count(*) FROM t").fetchone() == (0,)
    db.close()
