"""A command given ``--json`` answers a failure with a JSON error object on stdout, but one
of the group's own options (``--policy`` naming no file, a misspelt ``--polcy``) failed
before the command was known, in text alone: a script that asked for JSON got nothing to
parse. Those errors are now the same JSON object, with the same exit code as the text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
FAILING = {
    "policy naming no file": ["--policy", "no-such.yaml", "tick", "--json"],
    "misspelt group option": ["--polcy", "x.yaml", "cases", "list", "--json"],
    "policy blank": ["--policy", "", "report", "--json"],
}


@pytest.mark.parametrize("args", FAILING.values(), ids=FAILING.keys())
def test_a_group_option_refused_is_a_json_error_when_json_was_asked(
    tmp_path: Path, args: list[str]
) -> None:
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{tmp_path / 'c.db'}", *args])
    assert result.exit_code == 2, result.output
    error = json.loads(result.stdout)["error"]
    assert error["exit_code"] == 2
    assert "--pol" in error["message"]
    assert list(tmp_path.iterdir()) == []


def test_without_json_it_stays_text(tmp_path: Path) -> None:
    result = CliRunner().invoke(CLI, ["--policy", "no-such.yaml", "tick"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--policy" in result.stderr
