"""Two stored event rows of a case swapped (their seq columns exchanged by hand, each
sealed body whole): ``cases show``, ``cases export`` and ``replay`` named the first
"missing; found event 3 instead", as if event 2 had been taken out, though it is stored,
at another row. They now name the events as stored out of order, and where."""

from __future__ import annotations

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


@pytest.mark.parametrize("pair", [(1, 2), (2, 3), (2, 7)])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_swapped_rows_are_named_out_of_order(
    tmp_path: Path, command: str, pair: tuple[int, int]
) -> None:
    db = tmp_path / "s.db"
    (case_id,) = answered_cases(db, ["鸡蛋是碎的"], "K")
    first, second = pair
    with closing(sqlite3.connect(db)) as connection, connection:
        for old, new in ((first, -1), (second, first), (-1, second)):
            connection.execute(
                "UPDATE events SET seq = ? WHERE case_id = ? AND seq = ?", (new, case_id, old)
            )
    args, takes_id = COMMANDS[command]
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", *args, *[case_id][:takes_id]])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    said = " ".join(result.output.split())
    assert f"event {second} is stored where event {first} belongs" in said
    assert "missing" not in said
