"""Live intake counts a customer's earlier complaints by the case rows' ``customer_id``,
``opened_at`` and ``is_open`` columns, one indexed count a complaint; replay counts by the
sealed events. Reading every counted case's events at intake would cost the hot path a
read per case, so a row edited by hand is knowingly counted as its columns say, and
``audit verify`` names every such row (docs/history.md, "Customer history from edited
rows")."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.desk.history import StoredHistory
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)

#: Edits of the columns intake counts by; (C1's last 30 days, C1's open cases) then;
#: what ``audit verify`` names.
EDITS = {
    "customer moved": ("customer_id = 'C2'", (0, 0), "customer_id column says 'C2'"),
    "opened long before": (
        "opened_at = opened_at - 400 * 86400",
        (0, 1),
        "opened_at column says 2025-",
    ),
    "closed by hand": ("is_open = 0", (1, 0), "is_open column says 0"),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_intake_counts_an_edited_row_by_its_columns_and_the_audit_names_it(
    tmp_path: Path, edit: str
) -> None:
    db = tmp_path / "cases.db"
    clock = ManualClock(NOW)
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        case = Desk(storage=storage, clock=clock).intake(
            {
                "channel": "web",
                "external_id": "W1",
                "received_at": NOW.isoformat(),
                "customer": {"id": "C1"},
                "text": "The milk was spoiled",
            }
        )
    assignment, counted, named = EDITS[edit]
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute(f"UPDATE cases SET {assignment} WHERE id = ?", (case.id,))
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        history = StoredHistory(storage, "C1", NOW + timedelta(days=1))
        assert (history.complaints_in_last_days(30), history.open_cases()) == counted
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", "audit", "verify"])
    assert result.exit_code == 1, result.output
    assert f"case {case.id}: {named}" in result.output
