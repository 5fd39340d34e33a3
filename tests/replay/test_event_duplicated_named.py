"""A stored event row copied within its own case to a later seq (a row inserted by hand
from another, its sealed body whole): ``cases show``, ``cases export`` and ``replay`` named
the copy's place "missing; found event 3 instead", as if an event had been taken out,
when none was and one was added. The copy is named as a copy of the event it repeats."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from answered_cases import POLICY, answered_cases
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))

#: Each history command, its arguments before the case id (which only some take).
COMMANDS: dict[str, tuple[list[str], bool]] = {
    "cases show": (["cases", "show"], True),
    "cases export": (["cases", "export"], True),
    "replay": (["replay", str(POLICY)], False),
}


@pytest.mark.parametrize("copied", [1, 3, "last"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_copied_row_is_named_a_copy(tmp_path: Path, command: str, copied: int | str) -> None:
    db = tmp_path / "s.db"
    (case_id,) = answered_cases(db, ["鸡蛋是碎的"], "K")
    with closing(sqlite3.connect(db)) as connection, connection:
        (last,) = connection.execute(
            "SELECT max(seq) FROM events WHERE case_id = ?", (case_id,)
        ).fetchone()
        seq = last if copied == "last" else copied
        connection.execute(
            "INSERT INTO events SELECT case_id, ?, kind, at, body FROM events "
            "WHERE case_id = ? AND seq = ?",
            (last + 1, case_id, seq),
        )
    args, takes_id = COMMANDS[command]
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", *args, *[case_id][:takes_id]])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    said = " ".join(result.output.split())
    assert f"event {last + 1}" in said
    assert f"a copy of event {seq}" in said
    assert "missing" not in said


@pytest.mark.parametrize("gap", [2, 1000])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_row_copied_far_past_the_end_is_named_where_it_is_stored(
    tmp_path: Path, command: str, gap: int
) -> None:
    """Copied to a seq past the case's last event with a gap before it, the copy was named
    at the first missing position (``broken at event 6``, ``stored event 6``), where no
    row is stored: it is named where it is, as a copy of the event it repeats."""
    db = tmp_path / "s.db"
    (case_id,) = answered_cases(db, ["鸡蛋是碎的"], "K")
    with closing(sqlite3.connect(db)) as connection, connection:
        (last,) = connection.execute(
            "SELECT max(seq) FROM events WHERE case_id = ?", (case_id,)
        ).fetchone()
        connection.execute(
            "INSERT INTO events SELECT case_id, ?, kind, at, body FROM events "
            "WHERE case_id = ? AND seq = 2",
            (last + gap, case_id),
        )
    args, takes_id = COMMANDS[command]
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", *args, *[case_id][:takes_id]])
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert re.search(rf"event {last + gap}\b[^;]*: a copy of event 2, stored again here", said)
    assert not re.search(rf"event {last + 1}\b", said)
    assert "Traceback" not in said
