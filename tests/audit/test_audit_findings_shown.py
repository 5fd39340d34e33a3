"""What ``audit verify`` and ``audit checkpoint`` print about a tampered store reaches the
auditor's terminal as visible escapes: a case id column edited to hold an escape sequence
and a right-to-left override was printed raw in each finding naming it (retitling the
window, reversing the line), the one place an attacker's text is sure to be read."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from click.testing import CliRunner
from tampering import fill

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
FORGED = "CK-\x1b]0;owned\x07\u202eX"


def test_a_forged_case_id_is_shown_as_escapes(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    url = f"sqlite:///{db}"
    victim = fill(url)[1]
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("UPDATE cases SET id = ? WHERE id = ?", (FORGED, victim))
    for command, stream in ((("verify",), "stdout"), (("checkpoint",), "stderr")):
        result = CliRunner().invoke(CLI, ["--db", url, "audit", *command], color=True)
        assert result.exit_code == 1, result.output
        output = getattr(result, stream)
        assert "case CK-\\x1b]0;owned\\x07\\u202eX: " in output, (command, output)
        assert not any(c in output for c in "\x1b\x07\u202e"), (command, output)
