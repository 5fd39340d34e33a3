"""SQLite and complaintkit keep files beside a store named after it (``-journal``, ``-wal``,
``-shm``, ``-outbox.lock``, at most 12 bytes more). A store whose name fits the file
system's limit while theirs do not failed as "unable to open database file", naming no
reason, and left an empty file behind, which every command then called "no complaintkit
store (it is empty)". It is refused before anything is made, saying how long a name may be.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from complaintkit.desk import Desk
from complaintkit.errors import StorageError
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint


def _longest(folder: Path) -> int:
    return os.pathconf(folder, "PC_NAME_MAX")


def test_a_name_its_files_cannot_have_is_refused_before_anything_is_made(tmp_path: Path) -> None:
    longest = _longest(tmp_path)
    name = "投" * ((longest - 3 - 4) // 3) + ".db"  # fits, and its -wal too; -journal not
    assert len(os.fsencode(name)) + len("-outbox.lock") > longest
    with pytest.raises(StorageError, match=rf"at most {longest - 12} bytes") as refused:
        SQLiteStorage(f"sqlite:///{tmp_path / name}")
    assert "-outbox.lock" in str(refused.value)
    assert list(tmp_path.iterdir()) == []


def test_the_longest_name_its_files_can_have_is_a_store(tmp_path: Path) -> None:
    name = "a" * (_longest(tmp_path) - 12 - 3) + ".db"
    with SQLiteStorage(f"sqlite:///{tmp_path / name}") as storage:
        desk = Desk(storage=storage)
        case = desk.intake(make_complaint("long-name"))
        desk.deliver()
        assert storage.get(case.id).to_json() == case.to_json()
