"""A store whose header says an older schema version than its tables are at (``PRAGMA
user_version`` set back by hand, a header restored from another copy) failed its upgrade
as it opened with SQLite's words alone — "the write failed and was rolled back (no such
trigger: cases_facts_insert)" — which named neither the upgrade nor what to do. It now
says the upgrade from that version failed, that its tables are not that version's, that
nothing was written, and to restore it from a backup; the file is left as it was."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from complaintkit.errors import StorageError
from complaintkit.storage.sqlite import SQLiteStorage
from damaged_store import filled


@pytest.mark.parametrize("version", [1, 2, 3])
def test_a_store_whose_version_was_set_back_is_refused_with_what_to_do(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / "cases.db"
    filled(path)
    with closing(sqlite3.connect(path)) as db:
        db.execute(f"PRAGMA user_version = {version}")
    before = path.read_bytes()
    with pytest.raises(StorageError) as refused:
        SQLiteStorage(f"sqlite:///{path}").close()
    message = str(refused.value)
    assert str(path) in message
    assert f"schema version {version}" in message
    assert "nothing was written" in message
    assert "backup" in message
    assert path.read_bytes() == before
