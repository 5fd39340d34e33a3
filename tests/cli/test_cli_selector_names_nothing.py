"""``outbox requeue --all --via ''`` (``--via "$NOTIFIER"`` of an unset variable) said no
dead delivery went through '' and exited 0, and ``dead-letters list --source`` with a NUL
(which no source, a file's name or a channel's, holds) listed nothing with exit 0: a slip
read as nothing to do. Each is a usage error (exit 2) naming the option, and nothing is
requeued or purged."""

from __future__ import annotations

import json
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


@pytest.mark.parametrize("via", ["", " ", "\t", "log\x00", "\x00"])
@pytest.mark.parametrize("as_json", [False, True])
def test_a_blank_notifier_is_a_usage_error(db: str, via: str, as_json: bool) -> None:
    args = ["--db", db, "outbox", "requeue", "--all", "--via", via]
    result = CliRunner().invoke(CLI, [*args, *(["--json"] if as_json else [])])
    assert result.exit_code == 2, result.output
    if as_json:
        assert "--via" in json.loads(result.stdout)["error"]["message"]
    else:
        assert "--via" in result.stderr.splitlines()[-1]


@pytest.mark.parametrize("command", [["purge", "--all"], ["retry", "--all"], ["list"], ["count"]])
@pytest.mark.parametrize("prefix", ["\x00", "jsonl:\x00", "jsonl\x00:"])
def test_a_source_prefix_with_a_nul_is_a_usage_error(
    db: str, command: list[str], prefix: str
) -> None:
    result = CliRunner().invoke(CLI, ["--db", db, "dead-letters", *command, "--source", prefix])
    assert result.exit_code == 2, result.output
    assert "--source" in result.stderr.splitlines()[-1]
    with SQLiteStorage(db) as storage:
        assert len(storage.dead_letters()) == 1
