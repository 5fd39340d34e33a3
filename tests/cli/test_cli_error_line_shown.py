"""An error a command ends with reaches the terminal as visible escapes: a damaged case
whose id column an attacker edited to hold an escape sequence and a right-to-left override
was named raw on the ``Error:`` line of ``cases list`` (retitling the window, reversing
the line), while findings and listings show such text escaped."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
FORGED = "CK-\x1b]0;owned\x07\u202eX"


def test_a_damaged_case_with_a_forged_id_is_named_as_escapes(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    url = f"sqlite:///{db}"
    with SQLiteStorage(url) as storage:
        case = Desk(storage=storage).intake(
            {
                "channel": "web",
                "external_id": "W1",
                "received_at": datetime(2026, 11, 23, 9, tzinfo=UTC).isoformat(),
                "customer": {"id": "C1"},
                "text": "The milk was spoiled",
            }
        )
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute(
            "UPDATE cases SET id = ?, body = substr(body, 1, 30) WHERE id = ?", (FORGED, case.id)
        )
    result = CliRunner().invoke(CLI, ["--db", url, "cases", "list"], color=True)
    assert result.exit_code == 1
    assert "case CK-\\x1b]0;owned\\x07\\u202eX is damaged" in result.stderr
    assert not any(c in result.stderr for c in "\x1b\x07\u202e")
