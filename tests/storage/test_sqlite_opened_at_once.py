"""Processes opening a new SQLite store at the same moment (two intakes, or a tick and
``serve``, started together on a first run) all open it: turning the journal to WAL is
answered "database is locked" at once, without SQLite's busy handler, while another
connection holds a lock, and one of them was refused with that message."""

from __future__ import annotations

import multiprocessing
import sqlite3
from multiprocessing.synchronize import Barrier
from pathlib import Path

from complaintkit.errors import StorageError
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_ownership import refuse_what_is_not_ours
from complaintkit.storage.sqlite_schema import MIGRATIONS

#: Processes per round, and rounds: about one round in five failed before.
AT_ONCE, ROUNDS = 3, 30


def _open(path: Path, start: Barrier, answers: multiprocessing.SimpleQueue[str]) -> None:
    start.wait()
    try:
        SQLiteStorage(f"sqlite:///{path}").close()
    except StorageError as exc:
        answers.put(str(exc))
        return
    answers.put("opened")


def test_a_new_store_opened_by_several_processes_at_once_opens_in_each(tmp_path: Path) -> None:
    # Forked from a server of one thread, not from the test process: a thread of its own
    # (a store an earlier test left open, checkpointing) may hold SQLite's memory lock at the
    # fork, which the child then waits on for ever (seen once in CI, the test hung).
    fork = multiprocessing.get_context("forkserver")
    fork.set_forkserver_preload(["complaintkit.storage.sqlite"])
    refused = []
    for round_ in range(ROUNDS):
        path = tmp_path / f"cases-{round_}.db"
        start, answers = fork.Barrier(AT_ONCE), fork.SimpleQueue()
        openers = [fork.Process(target=_open, args=(path, start, answers)) for _ in range(AT_ONCE)]
        for opener in openers:
            opener.start()
        for opener in openers:
            opener.join(timeout=60)
        said = [answers.get() for _ in openers]
        refused += [answer for answer in said if answer != "opened"]
        store = SQLiteStorage(f"sqlite:///{path}")  # one schema, migrated once
        store.close()
    assert refused == []


class _Interleaved:
    """A connection after whose first statement another process's opening of the same new
    file migrates it and commits: the moment two intakes started together met."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db, self.path, self.first = db, path, True

    def execute(self, sql: str) -> sqlite3.Cursor:
        cursor = self.db.execute(sql)
        if self.first:
            self.first = False
            rows = cursor.fetchall()
            SQLiteStorage(f"sqlite:///{self.path}").close()
            cursor = self.db.execute("SELECT ?" + ", ?" * (len(rows[0]) - 1), rows[0])
        return cursor


def test_a_store_migrated_by_another_while_it_is_looked_at_is_ours(tmp_path: Path) -> None:
    """Its schema version and its tables are read as one: read apart, the tables were
    there and the version still 0, and the store was refused as another application's."""
    path = tmp_path / "both.db"
    db = sqlite3.connect(path, isolation_level=None)
    try:
        refuse_what_is_not_ours(_Interleaved(db, path), path, len(MIGRATIONS))  # type: ignore[arg-type]
    finally:
        db.close()
    SQLiteStorage(f"sqlite:///{path}").close()
