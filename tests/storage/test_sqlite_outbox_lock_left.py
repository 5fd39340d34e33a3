"""A delivery worker's ``<file>-outbox.lock`` was left beside the store after every pass,
one more file a user had to wonder about. The holder now removes it before it lets go of
the lock, and only the file it locked: one another worker holds, or one put in its place,
stays."""

from __future__ import annotations

import os
from pathlib import Path

from complaintkit.storage import sqlite_outbox_lock
from complaintkit.storage.sqlite import SQLiteStorage


def _lock(tmp_path: Path) -> Path:
    return Path(sqlite_outbox_lock.lock_path(tmp_path / "cases.db"))


def test_the_lock_file_is_gone_once_the_holder_lets_go(tmp_path: Path) -> None:
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        with storage.hold_outbox() as held:
            assert held
            assert _lock(tmp_path).exists()
        assert not _lock(tmp_path).exists()


def test_a_worker_finding_the_outbox_held_leaves_the_holders_lock_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    with SQLiteStorage(url) as first, SQLiteStorage(url) as other:
        with first.hold_outbox() as held:
            assert held
            with other.hold_outbox() as also:
                assert not also
            assert _lock(tmp_path).exists()  # still the first worker's lock
            with other.hold_outbox() as still:
                assert not still  # so the outbox is still held
        assert not _lock(tmp_path).exists()


def test_a_lock_file_put_in_the_holders_place_is_left_alone(tmp_path: Path) -> None:
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        with storage.hold_outbox() as held:
            assert held
            os.unlink(_lock(tmp_path))
            _lock(tmp_path).write_text("another worker's", "utf-8")
        assert _lock(tmp_path).read_text("utf-8") == "another worker's"
