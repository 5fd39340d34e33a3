"""A SQLite file damaged on disk under a table a report reads (a failing disk, a copy taken
mid-write): the report source reads on a read-only connection of its own, where
``sqlite3.DatabaseError`` ("database disk image is malformed") escaped from
``complaintkit report`` as a traceback, though ``cases`` and ``outbox`` name the file and
the failure. It is the store failing: a ``StorageError`` naming the file, ``Error: …`` and
exit 1."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.errors import StorageError
from complaintkit.reports import build_report, open_source
from complaintkit.reports.scope import Scope
from complaintkit.storage.sqlite import SQLiteStorage
from damaged_store import NOW, damaged_under


@pytest.mark.parametrize("table", ["cases", "case_facts"])
def test_report_names_the_damaged_file(tmp_path: Path, table: str) -> None:
    path = tmp_path / "cases.db"
    damaged_under(path, table)
    argv = ["--db", f"sqlite:///{path}", "report"]
    result = CliRunner().invoke(build_cli(), argv, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: ")
    assert str(path) in result.stderr


def test_build_report_raises_a_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    damaged_under(path, "case_facts")
    with (
        SQLiteStorage(f"sqlite:///{path}") as storage,
        closing(open_source(storage)) as source,
        pytest.raises(StorageError) as raised,
    ):
        build_report(source, Scope(), now=NOW)
    assert str(path) in str(raised.value)
