"""After a batch (a tick's, ``intake_many``'s) the SQLite store checkpoints its log from a
thread of its own: no commit waits for the copying, save the short rest of a long log, so
that the log starts again. After single changes it checkpoints as SQLite does."""

from __future__ import annotations

import sqlite3
import struct
import threading
import time
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.desk.taken import Taken
from complaintkit.storage import sqlite_checkpoint
from complaintkit.storage.base import CaseQuery
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_checkpoint import BACKSTOP_PAGES
from complaintkit.testing.storage_contract import make_complaint

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def in_database_file(path: Path) -> set[str]:
    """The case ids the database file itself holds, its log left unread (none before the
    schema itself is copied there, or while a checkpoint is copying pages: read as
    immutable, the file is read without a lock, and a page half written reads as a
    malformed image, as it did on a loaded host)."""
    with closing(sqlite3.connect(f"file:{path}?immutable=1", uri=True)) as db:
        try:
            return {row[0] for row in db.execute("SELECT id FROM cases")}
        except sqlite3.DatabaseError:  # no such table yet (OperationalError), or torn
            return set()


def checkpoint_threads(path: Path) -> list[threading.Thread]:
    """The threads checkpointing the database at ``path`` (other tests' stores have theirs)."""
    return [t for t in threading.enumerate() if t.name == f"complaintkit checkpoint {path}"]


def eventually(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_a_batch_is_copied_into_the_database_file_soon_after(tmp_path: Path) -> None:
    """SQLite alone copies the log only once it passes 1,000 pages, in the commit that
    passes it; the store's thread copies a small batch within moments."""
    path = tmp_path / "cases.db"
    storage = SQLiteStorage(f"sqlite:///{path}")
    try:
        desk = Desk(storage=storage, clock=ManualClock(NOW))
        taken = desk.intake_many([make_complaint("A1"), make_complaint("A2")])
        ids = {t.case.id for t in taken if isinstance(t, Taken)}
        assert len(ids) == 2
        assert eventually(lambda: ids <= in_database_file(path))
        assert storage._db.execute("PRAGMA wal_autocheckpoint").fetchone() == (BACKSTOP_PAGES,)
    finally:
        storage.close()


def test_single_changes_are_checkpointed_as_sqlite_does(tmp_path: Path) -> None:
    """A thread woken by every small commit would copy and sync the database file more
    often than SQLite's own checkpoint (every 1,000 pages) does: single-complaint intake
    ran 15% slower."""
    path = tmp_path / "cases.db"
    storage = SQLiteStorage(f"sqlite:///{path}")
    try:
        desk = Desk(storage=storage, clock=ManualClock(NOW))
        desk.intake_many([make_complaint("A1")])
        desk.intake(make_complaint("A2"))  # after a batch: back to SQLite's checkpoints
        assert storage._db.execute("PRAGMA wal_autocheckpoint").fetchone() == (1000,)
    finally:
        storage.close()


def test_closing_the_store_ends_its_thread_and_its_log(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    storage = SQLiteStorage(f"sqlite:///{path}")
    Desk(storage=storage, clock=ManualClock(NOW)).intake_many([make_complaint("A1")])
    assert checkpoint_threads(path)
    started = time.monotonic()
    storage.close()
    assert time.monotonic() - started < sqlite_checkpoint.IDLE_SECONDS / 2  # not an idle wait
    assert not checkpoint_threads(path)
    assert not (tmp_path / "cases.db-wal").exists()  # the last connection checkpointed it
    assert len(in_database_file(path)) == 1


def test_an_idle_thread_ends_and_the_next_write_starts_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_checkpoint, "IDLE_SECONDS", 0.1)
    monkeypatch.setattr(sqlite_checkpoint, "DELAY_SECONDS", 0.0)
    path = tmp_path / "cases.db"
    storage = SQLiteStorage(f"sqlite:///{path}")
    try:
        desk = Desk(storage=storage, clock=ManualClock(NOW))
        desk.intake_many([make_complaint("A1")])
        assert checkpoint_threads(path)
        assert eventually(lambda: not checkpoint_threads(path))
        (second,) = desk.intake_many([make_complaint("A2")])
        assert isinstance(second, Taken)
        assert eventually(lambda: second.case.id in in_database_file(path))
    finally:
        storage.close()
    assert not checkpoint_threads(path)


def test_writers_on_one_file_lose_nothing_while_it_is_checkpointed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four stores on one file (as four processes would open it), each with its thread,
    take complaints in at once; every case is there, and in the file once they close."""
    monkeypatch.setattr(sqlite_checkpoint, "DELAY_SECONDS", 0.0)
    path = tmp_path / "cases.db"
    stores = [SQLiteStorage(f"sqlite:///{path}") for _ in range(4)]
    taken: list[set[str]] = [set() for _ in stores]

    def take(n: int) -> None:
        desk = Desk(storage=stores[n], clock=ManualClock(NOW))
        for k in range(40):
            (one,) = desk.intake_many([make_complaint(f"W{n}-{k}")])
            assert isinstance(one, Taken)
            taken[n].add(one.case.id)

    workers = [threading.Thread(target=take, args=(n,)) for n in range(len(stores))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    for store in stores:
        store.close()
    assert in_database_file(path) == set().union(*taken)
    assert len(in_database_file(path)) == 160


def test_no_thread_for_single_changes(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    storage = SQLiteStorage(f"sqlite:///{path}")
    try:
        Desk(storage=storage, clock=ManualClock(NOW)).intake(make_complaint("A1"))
        assert not checkpoint_threads(path)
    finally:
        storage.close()


def logged_commits(wal: Path) -> list[int]:
    """How many frames the log at ``wal`` holds at the end of each commit in it, read as
    SQLite's file format defines it: the frames from the start that carry the header's
    salts (a log started again gets new ones), up to the last that ends a commit."""
    data = wal.read_bytes()
    if len(data) < 32:
        return []
    page_size, salts = struct.unpack(">I", data[8:12])[0], data[16:24]
    ends: list[int] = []
    for frame, offset in enumerate(range(32, len(data) - 24, 24 + page_size), start=1):
        if data[offset + 8 : offset + 16] != salts:
            break
        if struct.unpack(">I", data[offset + 4 : offset + 8])[0]:  # a commit's last frame
            ends.append(frame)
    return ends


@pytest.mark.parametrize("thread_delay", [0.01, 3600.0], ids=["prompt thread", "thread held up"])
def test_a_writer_that_never_pauses_still_keeps_the_log_short(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, thread_delay: float
) -> None:
    """A passive checkpoint never catches up with a writer that keeps committing, and the
    log restarts only once all of it was copied: without the store's connection finishing a
    long log, it held everything written (a tick's grew to 155 MB). However late the thread
    runs (a loaded machine), no commit is added to a log past twice ``RESTART_PAGES``."""
    monkeypatch.setattr(sqlite_checkpoint, "RESTART_PAGES", 64)
    monkeypatch.setattr(sqlite_checkpoint, "DELAY_SECONDS", thread_delay)
    path = tmp_path / "cases.db"
    storage = SQLiteStorage(f"sqlite:///{path}")
    longest_before_a_commit = 0
    try:
        desk = Desk(storage=storage, clock=ManualClock(NOW))
        for batch in range(100):  # each of about 60 pages
            desk.intake_many(make_complaint(f"L{batch}-{n}", text="漏水" * 1000) for n in range(10))
            *_, before, _ = [0, *logged_commits(tmp_path / "cases.db-wal")]
            longest_before_a_commit = max(longest_before_a_commit, before)
        assert storage.count(CaseQuery()) == 1000
    finally:
        storage.close()
    assert 0 < longest_before_a_commit <= 2 * 64  # of about 6,000 pages written to it
