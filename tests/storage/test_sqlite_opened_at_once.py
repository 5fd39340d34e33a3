"""Processes opening a new SQLite store at the same moment (two intakes, or a tick and
``serve``, started together on a first run) all open it: turning the journal to WAL is
answered "database is locked" at once, without SQLite's busy handler, while another
connection holds a lock, and one of them was refused with that message."""

from __future__ import annotations

import multiprocessing
from multiprocessing.synchronize import Barrier
from pathlib import Path

from complaintkit.errors import StorageError
from complaintkit.storage.sqlite import SQLiteStorage

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
    fork = multiprocessing.get_context("fork")
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
