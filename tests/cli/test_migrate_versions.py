"""``complaintkit migrate`` on SQLite says which schema version it found and left, and what a
store's version is asked without writing it: an empty file is no store to a reading command
(as a missing one), and ``migrate`` makes it one; a missing file it never creates."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.errors import StorageError
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_schema import MIGRATIONS


def _run(path: Path, args: list[str]) -> Result:
    return CliRunner().invoke(build_cli(), ["--db", f"sqlite:///{path}", *args])


def _message(result: Result, exit_code: int = 1) -> str:
    assert result.exit_code == exit_code, result.output
    message: str = json.loads(result.output)["error"]["message"]
    return message


def _store(path: Path) -> Path:
    SQLiteStorage(f"sqlite:///{path}").close()
    return path


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_migrate_says_in_words_what_it_found_and_left(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    path.touch()
    made = _run(path, ["migrate"])
    assert made.exit_code == 0, made.output
    assert f"held no complaintkit store; made one of schema version {len(MIGRATIONS)}" in (
        made.output
    )
    again = _run(path, ["migrate"])
    assert again.exit_code == 0, again.output
    assert f"schema version {len(MIGRATIONS)}, already up to date" in again.output


def test_migrate_reports_a_current_store_as_it_is(tmp_path: Path) -> None:
    path = _store(tmp_path / "cases.db")
    before = path.read_bytes()
    migrated = _run(path, ["migrate", "--json"])
    assert migrated.exit_code == 0, migrated.output
    assert json.loads(migrated.output) == {
        "schema_version": len(MIGRATIONS),
        "was": len(MIGRATIONS),
    }
    assert path.read_bytes() == before


def test_migrate_refuses_a_missing_file_in_json_and_creates_none(tmp_path: Path) -> None:
    path = tmp_path / "missing.db"
    message = _message(_run(path, ["migrate", "--json"]), exit_code=2)  # a usage error
    assert str(path) in message
    assert list(tmp_path.iterdir()) == []


def test_migrate_refuses_another_applications_database_untouched(tmp_path: Path) -> None:
    path = tmp_path / "theirs.db"
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE invoices (id INTEGER)")
    before = _files(tmp_path)
    assert "invoices" in _message(_run(path, ["migrate", "--json"]))
    assert _files(tmp_path) == before


def test_stored_version_finds_nothing_where_there_is_no_file(tmp_path: Path) -> None:
    assert SQLiteStorage.stored_version(f"sqlite:///{tmp_path / 'missing.db'}") is None
    assert list(tmp_path.iterdir()) == []


def test_stored_version_of_an_empty_file_is_zero_and_leaves_it_empty(tmp_path: Path) -> None:
    (tmp_path / "cases.db").touch()
    assert SQLiteStorage.stored_version(f"sqlite:///{tmp_path / 'cases.db'}") == 0
    assert _files(tmp_path) == {"cases.db": b""}


def test_stored_version_refuses_what_is_no_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"not a database, only some notes" * 100)
    with pytest.raises(StorageError, match="notes.db"):
        SQLiteStorage.stored_version(f"sqlite:///{path}")


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(version=st.integers(min_value=1, max_value=len(MIGRATIONS) + 5))
def test_stored_version_reads_any_version_without_writing(tmp_path: Path, version: int) -> None:
    with tempfile.TemporaryDirectory(dir=tmp_path) as name:
        folder = Path(name)
        path = _store(folder / "cases.db")
        with closing(sqlite3.connect(path)) as db:
            db.execute(f"PRAGMA user_version = {version}")
            db.commit()
        before = path.read_bytes()  # a WAL reader may add its -shm: SQLite's, not a write
        assert SQLiteStorage.stored_version(f"sqlite:///{path}") == version
        assert path.read_bytes() == before
