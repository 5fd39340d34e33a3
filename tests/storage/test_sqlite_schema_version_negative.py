"""A store whose header says schema version -1 (or any negative number: ``PRAGMA
user_version`` set by hand, a header overwritten) was taken for a store of a version
before the first: a command that writes ran the last migration on it again and set the
version to 0, after which every command refused the file as "a database of another
application", its cases out of reach. Such a file is now refused as it opens, named, with
what to do, and left byte for byte as it was."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from complaintkit.errors import StorageError
from complaintkit.storage.sqlite import SQLiteStorage
from damaged_store import filled


@pytest.mark.parametrize("version", [-1, -19, -(2**31)])
@pytest.mark.parametrize("read_only", [False, True])
def test_a_store_at_a_negative_schema_version_is_refused_and_left_as_it_was(
    tmp_path: Path, version: int, read_only: bool
) -> None:
    path = tmp_path / "cases.db"
    filled(path)
    with closing(sqlite3.connect(path)) as db:
        db.execute(f"PRAGMA user_version = {version}")
    before = path.read_bytes()
    with pytest.raises(StorageError) as refused:
        SQLiteStorage(f"sqlite:///{path}", read_only=read_only).close()
    message = str(refused.value)
    assert str(path) in message
    assert str(version) in message
    assert "backup" in message
    assert path.read_bytes() == before
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (version,)
