"""A letter holding no bytes cannot be read again, and its retry says why in words true of
it: an empty request body or message was no channel that stopped reading, which is what
every such letter was told."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _retried(tmp_path: Path, source: str, reason: str) -> str:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    with SQLiteStorage(db) as storage:
        storage.dead_letter(source, b"", reason, T0)
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    result = CliRunner().invoke(cli, ["--db", db, "dead-letters", "retry", "--all"])
    assert result.exit_code == 3, result.output
    return result.stdout.splitlines()[0]


def test_an_empty_input_is_not_said_to_be_a_channel_that_stopped(tmp_path: Path) -> None:
    line = _retried(tmp_path, "http:http:4c0788a3d055409d", "body: is not JSON")
    assert "stopped" not in line
    assert "holds no bytes" in line


def test_a_channel_that_stopped_is_said_to_have_stopped(tmp_path: Path) -> None:
    line = _retried(tmp_path, "csv:after record 2", "channel 'csv' stopped after 2 records")
    assert "the channel stopped reading its source" in line
