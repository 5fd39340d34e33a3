"""A page damaged in the middle of a SQLite store (a failing disk, a copy taken mid-write)
ended commands in "'cases.db': reading failed (database disk image is malformed)": the file
was named, but not what was wrong with it nor what to do, and an operator could take it for
a lock or a bug. SQLite says the file is damaged (SQLITE_CORRUPT, by its error code): the
error now says so, with the check to run (PRAGMA integrity_check) and the mend (a backup),
for reads and writes alike; nothing is written."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import StorageError
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint
from damaged_store import NOW, filled


def damaged_leaf(path: Path, name: str) -> None:
    """A store of 200 cases at ``path`` whose b-tree ``name`` has a leaf page in its middle
    overwritten: the header, the schema and every other page are whole."""
    filled(path)
    with closing(sqlite3.connect(path)) as db:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        leaves = [
            page
            for (page,) in db.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
                (name,),
            )
        ]
    with path.open("r+b") as handle:
        handle.seek((leaves[len(leaves) // 2] - 1) * page_size)
        handle.write(b"\xa5" * page_size)


def said_damaged(error: str, path: Path) -> None:
    assert str(path) in error
    assert "damaged" in error
    assert "PRAGMA integrity_check" in error
    assert "backup" in error


def test_a_read_meeting_a_damaged_page_says_the_file_is_damaged_and_what_to_do(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cases.db"
    damaged_leaf(path, "cases")
    with SQLiteStorage(f"sqlite:///{path}") as storage, pytest.raises(StorageError) as failed:
        [storage.get(case_id) for case_id in storage.case_ids()]  # ids: from an index, whole
    said_damaged(str(failed.value), path)
    # a read knows nothing of writes: a tick's or an intake's earlier batches are committed
    assert "nothing was written" not in str(failed.value)


def test_a_write_meeting_a_damaged_page_says_the_file_is_damaged_and_writes_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cases.db"
    damaged_leaf(path, "cases_status")
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        desk = Desk(storage=storage, clock=ManualClock(NOW))
        with pytest.raises(StorageError) as failed:
            desk.intake_many([make_complaint("new")])
        said_damaged(str(failed.value), path)
        assert storage.find_by_keys([("web", "new")]) == {}


def test_cases_list_on_a_damaged_page_exits_1_saying_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    damaged_leaf(path, "cases")
    result = CliRunner().invoke(build_cli(), ["--db", f"sqlite:///{path}", "cases", "list"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    said_damaged(result.output, path)
