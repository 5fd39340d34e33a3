"""An event kind edited in the store (the audit names it) reaches the operator's terminal
as visible escapes: ``cases show`` printed the kind raw, so a right-to-left override
reversed the rest of the line and an escape sequence could retitle or clear the window,
while every other stored text on the line was escaped. (The edit breaks the event's hash
chain, which ``cases show`` names, exit 1.)"""

from __future__ import annotations

import json
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
KIND = "noted\u202e\x1b]0;owned\x07"


def test_an_altered_event_kind_is_shown_as_escapes(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    url = f"sqlite:///{db}"
    with SQLiteStorage(url) as storage:
        desk = Desk(storage=storage)
        case = desk.intake(
            {
                "channel": "web",
                "external_id": "W1",
                "received_at": datetime(2026, 11, 23, 9, tzinfo=UTC).isoformat(),
                "customer": {"id": "C1"},
                "text": "The milk was spoiled",
            }
        )
        seq = desk.note(case.id, "called back", actor="li.na").version
    with closing(sqlite3.connect(db)) as connection, connection:
        (body,) = connection.execute(
            "SELECT body FROM events WHERE case_id = ? AND seq = ?", (case.id, seq)
        ).fetchone()
        altered = json.dumps({**json.loads(body), "kind": KIND}, separators=(",", ":"))
        connection.execute(
            "UPDATE events SET body = ? WHERE case_id = ? AND seq = ?", (altered, case.id, seq)
        )
    result = CliRunner().invoke(CLI, ["--db", url, "cases", "show", case.id], color=True)
    assert result.exit_code == 1, result.output  # the edit broke its hash chain: named
    assert f"its hash chain is broken at event {seq}" in result.output
    assert not any(c in result.output for c in "\u202e\x1b\x07")
    assert "noted\\u202e\\x1b]0;owned\\x07" in result.output
