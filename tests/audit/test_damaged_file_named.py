"""A SQLite file damaged on disk under a table the audit reads (a failing disk, a copy taken
mid-write): ``audit verify`` said "a table or column complaintkit keeps is gone or altered",
sending its reader to look for a migration or a hand-edited schema, when the file itself
cannot be read. It says the file is damaged, and what to do; a dropped table is still named
as one."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from damaged_store import damaged_under, filled


def _verify(path: Path) -> str:
    argv = ["--db", f"sqlite:///{path}", "audit", "verify"]
    result = CliRunner().invoke(build_cli(), argv, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.output
    return result.stderr


@pytest.mark.parametrize("table", ["events", "cases", "ledger"])
def test_a_damaged_file_is_named_damaged(tmp_path: Path, table: str) -> None:
    path = tmp_path / "cases.db"
    damaged_under(path, table)
    said = _verify(path)
    assert "damaged" in said
    assert "backup" in said
    assert "gone or altered" not in said


def test_a_dropped_table_is_still_named_gone(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    filled(path)
    with closing(sqlite3.connect(path)) as db:
        db.execute("DROP TABLE event_log")
    said = _verify(path)
    assert "gone or altered" in said
    assert "damaged" not in said
