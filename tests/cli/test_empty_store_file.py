"""An empty SQLite file holds no complaintkit store: a command that only reads says so, as
for a missing file, instead of asking for ``complaintkit migrate`` to upgrade "schema
version 0"; ``migrate`` makes it a store, as intake would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.storage.sqlite_schema import MIGRATIONS

#: Every command that only reads, with what it is given after ``--db``.
READING = (
    ["cases", "list", "--json"],
    ["report", "--json"],
    ["audit", "verify", "--json"],
    ["outbox", "--json"],
    ["dead-letters", "list", "--json"],
    ["dead-letters", "count", "--json"],
)


def _run(path: Path, args: list[str]) -> Result:
    return CliRunner().invoke(build_cli(), ["--db", f"sqlite:///{path}", *args])


def _message(result: Result) -> str:
    assert result.exit_code == 1, result.output
    message: str = json.loads(result.output)["error"]["message"]
    return message


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("args", READING, ids=" ".join)
def test_a_reading_command_says_an_empty_file_holds_no_store_and_leaves_it_empty(
    tmp_path: Path, args: list[str]
) -> None:
    path = tmp_path / "cases.db"
    path.touch()
    message = _message(_run(path, args))
    assert "holds no complaintkit store" in message
    assert str(path) in message
    assert "migrate" not in message  # there is nothing to upgrade
    assert _files(tmp_path) == {"cases.db": b""}


def test_migrate_makes_an_empty_file_a_store_saying_it_held_none(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    path.touch()
    migrated = _run(path, ["migrate", "--json"])
    assert migrated.exit_code == 0, migrated.output
    assert json.loads(migrated.output) == {"schema_version": len(MIGRATIONS), "was": 0}
    listed = _run(path, ["cases", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.output) == []
