"""A ``--db`` naming a file that is no SQLite database (a CSV export, a store whose first
page was overwritten) was refused with SQLite's words alone — "cannot open 'cases.db' as a
database (file is not a database)" — not saying whether anything was written to it, nor
what to do. The error now says it is no SQLite database or its header is damaged, that
nothing was written, and what to do: restore the store from a backup, or name the
store's file (or a new path, for a new store). The file is left byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.errors import StorageError
from complaintkit.storage.sqlite import SQLiteStorage

#: The first bytes of every SQLite database file.
_SQLITE_HEADER = b"SQLite format 3\x00"


def said_not_a_store(error: str, path: Path) -> None:
    assert str(path) in error
    assert "no SQLite database" in error
    assert "nothing was written" in error
    assert "backup" in error
    assert "new path" in error


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(  # one byte, or bytes all zero, SQLite takes for an empty one: test_sqlite_one_byte_file
    content=st.binary(min_size=2, max_size=3000).filter(
        lambda b: b[:16] != _SQLITE_HEADER and any(b)
    )
)
@pytest.mark.parametrize("read_only", [False, True])
def test_a_file_that_is_no_database_is_refused_naming_what_to_do_and_left_as_it_was(
    tmp_path_factory: pytest.TempPathFactory, content: bytes, read_only: bool
) -> None:
    path = tmp_path_factory.mktemp("not_a_store") / "cases.db"
    path.write_bytes(content)
    try:
        SQLiteStorage(f"sqlite:///{path}", read_only=read_only).close()
    except StorageError as refused:
        said_not_a_store(str(refused), path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in path.parent.iterdir()) == ["cases.db"]


def test_tick_on_a_file_that_is_no_database_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    path.write_text("id,customer,text\n1,C1,milk spoiled\n")
    result = CliRunner().invoke(build_cli(), ["--db", f"sqlite:///{path}", "tick"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    said_not_a_store(result.output, path)
