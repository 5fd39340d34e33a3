"""``cases show`` and ``cases export`` of a case whose row was deleted by hand (or lost)
while its events are still stored said ``no case``, as for an id never stored, while
``audit verify`` and ``replay`` name the case. Its history is now shown (and exported) from
its events and the missing row named, exit 1; an id with neither is still ``no case``."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from click.testing import CliRunner
from noted_case import noted_case

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
MISSING = "its events are stored but the case row is missing (deleted or lost)"


def _store_without_row(db: Path) -> str:
    case_id = noted_case(db, "called back")
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute("DELETE FROM cases WHERE id = ?", (case_id,))
    return case_id


def test_a_history_without_its_row_is_shown_and_named(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    case_id = _store_without_row(db)
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", "cases", "show", case_id])
    assert result.exit_code == 1, result.output
    assert "called back" in result.stdout
    assert f"case {case_id} is damaged: {MISSING}" in " ".join(result.stderr.split())


def test_a_history_without_its_row_is_exported_and_named(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    case_id = _store_without_row(db)
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", "cases", "export", case_id])
    assert result.exit_code == 1, result.output
    exported = json.loads(result.stdout)
    assert exported["case"] is None
    assert [event["kind"] for event in exported["events"]][-1] == "noted"
    assert any(MISSING in problem for problem in exported["verdict"]["problems"])


def test_an_id_with_neither_row_nor_events_is_no_case(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    _store_without_row(db)
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", "cases", "show", "CK-NONE"])
    assert result.exit_code == 1, result.output
    assert "no case 'CK-NONE'" in result.stderr
