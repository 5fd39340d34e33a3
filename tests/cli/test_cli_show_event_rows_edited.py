"""``cases show`` of a case one of whose event rows was edited by hand while its sealed
body still chains — the body rewritten as a blob of the same JSON, or the ``at`` column
set to another instant: it was shown with exit 0, while ``audit verify`` and ``replay``
name the row (SQL, the ledger and the event feed read those rows otherwise than the
history shows). The history is still shown and the event row is named, exit 1."""

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

#: Edits of event 2's row, and what the named damage says.
EDITS = {
    "body a blob": (
        "UPDATE events SET body = CAST(body AS BLOB) WHERE case_id = ? AND seq = 2",
        "case {}: stored event 2 is damaged: stored as a blob",
    ),
    "at column moved": (
        "UPDATE events SET at = '2099-01-01T00:00:00+00:00' WHERE case_id = ? AND seq = 2",
        "case {} is damaged: stored event 2: at column says 2099-01-01T00:00:00+00:00 but the sealed event says",
    ),
    "at column timezone-naive": (
        "UPDATE events SET at = '2026-11-23T09:00:00' WHERE case_id = ? AND seq = 2",
        "case {} is damaged: stored event 2: at column holds '2026-11-23T09:00:00', not an instant",
    ),
}


def _store(db: Path) -> str:
    return noted_case(db, "called back", "sent a voucher")


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_an_edited_event_row_is_named_and_the_history_still_shown(
    tmp_path: Path, edit: str
) -> None:
    db = tmp_path / "cases.db"
    case_id = _store(db)
    statement, problem = EDITS[edit]
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute(statement, (case_id,))
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", "cases", "show", case_id])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "called back" in result.stdout
    assert "sent a voucher" in result.stdout
    said = " ".join(result.stderr.split())
    assert problem.format(case_id) in said
