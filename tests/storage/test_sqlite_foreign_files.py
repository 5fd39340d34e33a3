"""A file that is another application's SQLite database is refused and left byte for byte,
whatever its ``user_version`` says: many applications set it too. An empty file is a new
store, as a file that does not exist yet is."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from complaintkit.errors import StorageError
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_schema import MIGRATIONS


def _foreign(path: Path, schema: str, user_version: int) -> bytes:
    other = sqlite3.connect(path)
    other.executescript(schema)
    other.execute(f"PRAGMA user_version = {user_version}")
    other.commit()
    other.close()
    return path.read_bytes()


_SCHEMAS = {
    "a table": "CREATE TABLE customers (id INTEGER PRIMARY KEY, phone TEXT);",
    "only a view": "CREATE VIEW today AS SELECT date('now') AS day;",
}


@pytest.mark.parametrize("read_only", [False, True])
@pytest.mark.parametrize("schema", sorted(_SCHEMAS))
@pytest.mark.parametrize("user_version", [0, 1, 3, len(MIGRATIONS), len(MIGRATIONS) + 7])
def test_another_applications_database_is_refused_and_left_as_it_was(
    tmp_path: Path, schema: str, user_version: int, read_only: bool
) -> None:
    path = tmp_path / "crm.db"
    before = _foreign(path, _SCHEMAS[schema], user_version)
    with pytest.raises(StorageError, match="another application") as refused:
        SQLiteStorage(f"sqlite:///{path}", read_only=read_only)
    assert str(path) in str(refused.value)
    assert "upgrade complaintkit" not in str(refused.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crm.db"]


@pytest.mark.parametrize("user_version", [1, len(MIGRATIONS)])
def test_another_applications_database_has_no_stored_version(
    tmp_path: Path, user_version: int
) -> None:
    path = tmp_path / "crm.db"
    _foreign(path, _SCHEMAS["a table"], user_version)
    with pytest.raises(StorageError, match="another application"):
        SQLiteStorage.stored_version(f"sqlite:///{path}")


def test_an_empty_file_becomes_a_new_store(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    path.touch()
    store = SQLiteStorage(f"sqlite:///{path}")
    store.close()
    assert SQLiteStorage.stored_version(f"sqlite:///{path}") == len(MIGRATIONS)


def test_a_file_keeping_text_as_utf16_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    before = _foreign(
        path, "PRAGMA encoding = 'UTF-16le'; CREATE TABLE scratch (a); DROP TABLE scratch;", 0
    )
    with pytest.raises(StorageError, match="UTF-16le") as refused:
        SQLiteStorage(f"sqlite:///{path}")
    assert str(path) in str(refused.value)
    assert path.read_bytes() == before
