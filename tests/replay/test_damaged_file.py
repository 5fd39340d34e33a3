"""A SQLite file damaged on disk under its events (a failing disk, a copy taken mid-write):
``replay`` reads the stored history on a read-only connection of its own, where
``sqlite3.DatabaseError`` ("database disk image is malformed") escaped as a traceback,
though every other command names the file and the failure. It is the store failing, a
``StorageError`` naming the file: ``Error: …`` and exit 1, as ``cases`` and ``outbox`` say."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.demo.script import demo_policy_path
from complaintkit.errors import StorageError
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay.run import replay_store
from complaintkit.storage.sqlite import SQLiteStorage
from damaged_store import damaged_under


@pytest.mark.parametrize("table", ["events", "cases"])
def test_replay_names_the_damaged_file(tmp_path: Path, table: str) -> None:
    path = tmp_path / "cases.db"
    damaged_under(path, table)
    argv = ["--db", f"sqlite:///{path}", "replay", str(demo_policy_path())]
    result = CliRunner().invoke(build_cli(), argv, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: ")
    assert str(path) in result.stderr
    assert "Traceback" not in result.output


def test_replay_store_raises_a_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    damaged_under(path, "events")
    with SQLiteStorage(f"sqlite:///{path}") as storage, pytest.raises(StorageError) as raised:
        replay_store(storage, load_policy(demo_policy_path()), Plugins())
    assert str(path) in str(raised.value)
