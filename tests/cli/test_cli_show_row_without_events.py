"""``cases show`` and ``cases export`` of a case whose row is stored but whose events were
all deleted (or lost) said "no case 'CK-…'", sending the user to look for a typo in an id
the store does hold, while ``audit verify`` and ``replay`` name "the case row is stored
without any events". Both now show what the row holds and name the lost history, exit 1."""

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

NAMED = "the case row is stored without any events"


def _emptied(db: Path) -> str:
    case_id = noted_case(db, "called back")
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute("DELETE FROM events WHERE case_id = ?", (case_id,))
    return case_id


@pytest.mark.parametrize(
    "command", [["cases", "show"], ["cases", "show", "--json"], ["cases", "export"]]
)
def test_a_row_without_events_is_named_not_unknown(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "cases.db"
    case_id = _emptied(db)
    result = CliRunner().invoke(
        CLI, ["--db", f"sqlite:///{db}", *command[:2], case_id, *command[2:]]
    )
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    said = " ".join(result.stderr.split())
    assert f"case {case_id}" in said
    assert NAMED in said
    assert "no case" not in result.output
    if command[1] == "export" or "--json" in command:
        document = json.loads(result.stdout)
        assert document["case"]["id"] == case_id
        assert document["events"] == []
    else:
        assert "The milk was spoiled" in result.stdout  # what the row holds is shown


def test_an_id_with_neither_row_nor_events_is_still_no_case(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    case_id = _emptied(db)
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute("DELETE FROM cases WHERE id = ?", (case_id,))
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", "cases", "show", case_id])
    assert result.exit_code == 1
    assert "no case" in result.stderr
