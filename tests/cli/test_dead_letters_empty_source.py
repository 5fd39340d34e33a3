"""``dead-letters purge --all --source "$PREFIX"`` with ``PREFIX`` unset or empty: every
source starts with the empty string, so it purged every dead letter of every channel — the
records no one had looked at yet, gone. An empty ``--source`` is now a usage error (exit 2)
in every ``dead-letters`` command that takes it, and nothing is purged."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


@pytest.fixture(name="db")
def db_with_a_letter(tmp_path: Path) -> str:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    source = tmp_path / "in.jsonl"
    source.write_text('{"broken\n', encoding="utf-8")
    taken = CliRunner().invoke(CLI, ["--db", db, "intake", "--channel", "jsonl", str(source)])
    assert taken.exit_code == 3, taken.output
    return db


@pytest.mark.parametrize("command", [["purge", "--all"], ["retry", "--all"], ["list"], ["count"]])
@pytest.mark.parametrize("prefix", ["", " "])
def test_an_empty_source_prefix_is_a_usage_error(db: str, command: list[str], prefix: str) -> None:
    result = CliRunner().invoke(CLI, ["--db", db, "dead-letters", *command, "--source", prefix])
    assert result.exit_code == 2, result.output
    assert "--source" in result.output
    with SQLiteStorage(db) as storage:
        assert len(storage.dead_letters()) == 1


def test_a_source_prefix_still_selects(db: str) -> None:
    result = CliRunner().invoke(
        CLI, ["--db", db, "dead-letters", "purge", "--all", "--source", "jsonl:"]
    )
    assert result.exit_code == 0, result.output
    with SQLiteStorage(db) as storage:
        assert storage.dead_letters() == []
