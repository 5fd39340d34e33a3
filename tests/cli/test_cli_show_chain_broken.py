"""``cases show`` printed a history edited behind complaintkit's back as if it were what
happened: a response's words rewritten, an event deleted or re-chained, each shown with
exit 0, while ``audit verify`` and ``replay`` name the case. It now shows what it can read
and names the first event where the hash chain breaks, exit 1."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from noted_case import noted_case

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


def _edited(field: str, value: object) -> Callable[[sqlite3.Connection, str], None]:
    def edit(connection: sqlite3.Connection, case_id: str) -> None:
        (body,) = connection.execute(
            "SELECT body FROM events WHERE case_id = ? AND seq = 2", (case_id,)
        ).fetchone()
        altered = json.dumps({**json.loads(body), field: value}, separators=(",", ":"))
        connection.execute(
            "UPDATE events SET body = ? WHERE case_id = ? AND seq = 2", (altered, case_id)
        )

    return edit


def _deleted(connection: sqlite3.Connection, case_id: str) -> None:
    connection.execute("DELETE FROM events WHERE case_id = ? AND seq = 2", (case_id,))


#: Ways event 2 of a case is edited by hand, and how its break is named.
EDITS = {
    "words rewritten": (_edited("reason", "all refunded"), "altered after it was recorded"),
    "re-chained": (_edited("prev_hash", "0" * 64), "does not chain from the event before it"),
    "deleted": (_deleted, "missing"),
}


def _store(db: Path) -> str:
    return noted_case(db, "called back", "sent a voucher")


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_a_broken_chain_is_named_and_the_history_still_shown(tmp_path: Path, edit: str) -> None:
    db = tmp_path / "cases.db"
    case_id = _store(db)
    alter, problem = EDITS[edit]
    with closing(sqlite3.connect(db)) as connection, connection:
        alter(connection, case_id)
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", "cases", "show", case_id])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "sent a voucher" in result.stdout  # what can be read is still shown
    said = " ".join(result.stderr.split())
    assert f"case {case_id}" in said
    assert "hash chain is broken at event 2" in said
    assert problem in said


def test_an_intact_history_is_shown_with_exit_0(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    case_id = _store(db)
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", "cases", "show", case_id])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
