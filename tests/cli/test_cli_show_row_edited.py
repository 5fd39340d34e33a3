"""``cases show`` of a case whose stored row was edited by hand, its events untouched —
its status made ``closed``, its owner changed: the row was printed as the case, exit 0,
while ``audit verify`` and ``replay`` name it. It is still shown, and what the row says
other than its events is named, exit 1."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from noted_case import noted_case

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))

EDITS = {
    "status": ("UPDATE cases SET body = json_set(body, '$.status', 'closed')", "status 'closed'"),
    "owner": ("UPDATE cases SET body = json_set(body, '$.owner', 'mallory')", "owner 'mallory'"),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_an_edited_row_is_named_and_still_shown(tmp_path: Path, edit: str) -> None:
    db = tmp_path / "cases.db"
    case_id = noted_case(db, "called back")
    statement, said = EDITS[edit]
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute(statement)
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", "cases", "show", case_id])
    assert result.exit_code == 1, result.output
    assert "called back" in result.stdout
    stderr = " ".join(result.stderr.split())
    assert f"case {case_id}" in stderr
    assert f"the case row says {said} but its events say" in stderr
