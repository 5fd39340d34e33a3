"""``SQLiteStorage.stored_version`` reads a WAL store on a read-only connection, which
makes ``-wal`` and ``-shm`` beside it and cannot remove them: a deploy script asking the
version before ``complaintkit migrate`` (or an application before opening) left the folder
with two more files, and a backup of it with a log to copy. The store is left as it was
found, unless another connection has it open, whose files they are."""

from __future__ import annotations

import hashlib
from pathlib import Path

from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_schema import MIGRATIONS
from complaintkit.testing.storage_contract import make_complaint


def beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


def test_asking_the_version_leaves_the_folder_as_it_found_it(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        Desk(storage=storage).intake(make_complaint("1"))
    found = beside(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert SQLiteStorage.stored_version(f"sqlite:///{path}") == len(MIGRATIONS)
    assert beside(path) == found
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_the_files_of_a_store_open_elsewhere_stay(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        Desk(storage=storage).intake(make_complaint("1"))
        assert {"s.db-wal", "s.db-shm"} <= set(beside(path))
        assert SQLiteStorage.stored_version(f"sqlite:///{path}") == len(MIGRATIONS)
        assert {"s.db-wal", "s.db-shm"} <= set(beside(path))
        Desk(storage=storage).intake(make_complaint("2"))  # the store still works
    with SQLiteStorage.reading(f"sqlite:///{path}") as storage:
        assert len(list(storage.case_ids())) == 2
