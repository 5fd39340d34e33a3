"""``cases show`` of a case whose row's indexed columns were edited by hand, its body and
events untouched — ``customer_id`` moved to another customer, ``opened_at`` moved or made
text: shown with exit 0, though intake counts the customer's history by those columns and
``audit verify`` and ``replay`` name the row. The case is still shown and the column
named, exit 1."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))

EDITS = {
    "customer moved": ("customer_id = 'C2'", "customer_id column says 'C2' but the case row"),
    "opened long before": ("opened_at = opened_at - 400 * 86400", "opened_at column says 20"),
    "opened_at text": ("opened_at = 'soon'", "opened_at column holds 'soon', not an instant"),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_an_edited_column_is_named_and_the_case_still_shown(tmp_path: Path, edit: str) -> None:
    db = tmp_path / "cases.db"
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        case = Desk(storage=storage).intake(
            {
                "channel": "web",
                "external_id": "W1",
                "received_at": datetime(2026, 11, 23, 9, tzinfo=UTC).isoformat(),
                "customer": {"id": "C1"},
                "text": "The milk was spoiled",
            }
        )
    assignment, said = EDITS[edit]
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute(f"UPDATE cases SET {assignment} WHERE id = ?", (case.id,))
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", "cases", "show", case.id])
    assert result.exit_code == 1, result.output
    assert "The milk was spoiled" in result.stdout
    assert f"case {case.id} is damaged: {said}" in " ".join(result.stderr.split())
