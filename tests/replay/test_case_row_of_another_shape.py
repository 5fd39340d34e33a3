"""A case row whose body was edited by hand into valid JSON of a shape no case has — no
complaint at all (``complaints: []``), tags that are numbers — was read as a case: every
reader then ended in a traceback (``IndexError`` in ``cases show``, ``cases list``,
``report``, ``audit verify`` and ``replay``; a ``TypeError`` printing the tags). Such a
row is a damaged record now: each command names the case and goes on, exit 1."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from answered_cases import POLICY, answered_cases
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))

EDITS = {
    "no complaint": "UPDATE cases SET body = json_set(body, '$.complaints', json('[]'))",
    "tags numbers": "UPDATE cases SET body = json_set(body, '$.tags', json('[1, 2]'))",
}
COMMANDS = {
    "cases show": ["cases", "show"],
    "cases list": ["cases", "list"],
    "audit verify": ["audit", "verify"],
    "replay": ["replay", str(POLICY)],
}


@pytest.mark.parametrize("command", list(COMMANDS), ids=list(COMMANDS))
@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_a_row_of_another_shape_is_named_not_a_traceback(
    tmp_path: Path, edit: str, command: str
) -> None:
    db = tmp_path / "store.db"
    victim, other = answered_cases(db, ["牛奶过期了", "鸡蛋是碎的"], "形")
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(f"{EDITS[edit]} WHERE id = ?", (victim,))
    argv = [*COMMANDS[command], *([victim] if command == "cases show" else [])]
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", *argv])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 1, result.output
    assert f"case {victim}" in " ".join(result.output.split())
    if command == "cases list":
        assert other in result.stdout  # the rest goes on
