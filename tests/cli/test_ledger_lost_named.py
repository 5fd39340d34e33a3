"""A store whose ledger was emptied (``DELETE FROM ledger``) or dropped while its cases
stayed: only ``audit verify`` noticed, and ``cases show``, ``cases export``, ``cases
list``, ``replay`` and ``tick`` carried on as if each history were still vouched for.
Each now says the history can no longer be verified, and how to check it: the commands
that show history exit 1 (what they show is still shown), a tick warns and goes on."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from noted_case import noted_case

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
POLICY = Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml"

LOST = {
    "DELETE FROM ledger": "its ledger holds no entries, yet 1 case is stored (emptied)",
    "DROP TABLE ledger": "its ledger table is gone (dropped)",
}


def _lost(tmp_path: Path, edit: str) -> tuple[str, str]:
    db = tmp_path / "cases.db"
    case_id = noted_case(db, "called the courier")
    with closing(sqlite3.connect(db)) as raw, raw:
        raw.execute(edit)
    return f"sqlite:///{db}", case_id


def _said(stderr: str, edit: str) -> None:
    assert f"the store is damaged: {LOST[edit]}, so no case's history can be verified" in stderr
    assert "complaintkit audit verify" in stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize("edit", LOST)
@pytest.mark.parametrize("command", [["show"], ["show", "--json"], ["export"]])
def test_showing_a_case_says_its_history_cannot_be_verified(
    tmp_path: Path, edit: str, command: list[str]
) -> None:
    url, case_id = _lost(tmp_path, edit)
    result = CliRunner().invoke(CLI, ["--db", url, "cases", command[0], case_id, *command[1:]])
    assert result.exit_code == 1, result.output
    _said(result.stderr, edit)
    assert "called the courier" in result.stdout  # shown all the same
    if command == ["export"]:
        assert json.loads(result.stdout)["verdict"]["intact"] is False


@pytest.mark.parametrize("edit", LOST)
def test_cases_list_says_so_after_the_list(tmp_path: Path, edit: str) -> None:
    url, case_id = _lost(tmp_path, edit)
    result = CliRunner().invoke(CLI, ["--db", url, "cases", "list"])
    assert result.exit_code == 1, result.output
    assert case_id in result.stdout
    _said(result.stderr, edit)


@pytest.mark.parametrize("edit", LOST)
def test_replay_compares_and_says_so(tmp_path: Path, edit: str) -> None:
    url, _ = _lost(tmp_path, edit)
    result = CliRunner().invoke(CLI, ["--db", url, "replay", str(POLICY), "--json"])
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["cases"] == 1
    _said(result.stderr, edit)


@pytest.mark.parametrize("edit", LOST)
def test_tick_warns_and_goes_on(tmp_path: Path, edit: str) -> None:
    url, _ = _lost(tmp_path, edit)
    result = CliRunner().invoke(CLI, ["--db", url, "tick"])
    assert result.exit_code == 0, result.output
    assert "warning: the store is damaged" in result.stderr
    _said(result.stderr, edit)


def test_a_sound_ledger_says_nothing(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    case_id = noted_case(db, "called the courier")
    url = f"sqlite:///{db}"
    for command in (["cases", "show", case_id], ["cases", "list"], ["tick"]):
        result = CliRunner().invoke(CLI, ["--db", url, *command])
        assert result.exit_code == 0, result.output
        assert "ledger" not in result.stderr
