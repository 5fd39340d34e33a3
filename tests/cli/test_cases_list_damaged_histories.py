"""``cases list`` read case rows only: a case whose stored history was edited behind
complaintkit's back (an event's words rewritten, its status column set without an event)
was listed as sound and the command exited 0, so a script could not tell. Each listed
case's history is now checked as ``cases show`` checks it: the damaged ones are still
listed, named on stderr after the list, and the command exits 1."""

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

EDITS = {
    "a note's words rewritten": (
        "UPDATE events SET body = json_set(body, '$.data.text', 'never said') "
        "WHERE case_id = :case AND seq = 4",
        "its hash chain is broken at event 4",
    ),
    "its status set without an event": (
        "UPDATE cases SET status = 'closed', is_open = 0, "
        "body = json_set(body, '$.status', 'closed') WHERE id = :case",
        "the case row says status 'closed' but its events say 'received'",
    ),
}


def _edited(tmp_path: Path, edit: str) -> tuple[str, str]:
    db = tmp_path / "cases.db"
    case_id = noted_case(db, "called the courier")
    with closing(sqlite3.connect(db)) as raw, raw:
        raw.execute(edit, {"case": case_id})
    return f"sqlite:///{db}", case_id


@pytest.mark.parametrize("name", EDITS)
@pytest.mark.parametrize("as_json", [False, True])
def test_cases_list_names_a_damaged_history_and_exits_1(
    tmp_path: Path, name: str, as_json: bool
) -> None:
    edit, problem = EDITS[name]
    url, case_id = _edited(tmp_path, edit)
    result = CliRunner().invoke(
        CLI, ["--db", url, "cases", "list", *(["--json"] if as_json else [])]
    )
    assert result.exit_code == 1, result.output
    assert f"Error: case {case_id} is damaged: {problem}" in result.stderr
    listed = (
        [c["id"] for c in json.loads(result.stdout)]
        if as_json
        else [line.split()[0] for line in result.stdout.splitlines()]
    )
    assert listed == [case_id]
    assert "Traceback" not in result.output


def test_cases_list_of_a_sound_history_exits_0(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    case_id = noted_case(db, "called the courier")
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", "cases", "list"])
    assert result.exit_code == 0, result.output
    assert case_id in result.stdout
    assert not result.stderr
