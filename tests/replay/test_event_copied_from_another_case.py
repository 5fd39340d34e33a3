"""An event row of one case copied onto another case's row at the same seq: ``replay`` and
``audit verify`` named it "sealed for case X: copied or moved here", while ``cases show``
and ``cases export`` said only that the chain broke there ("does not chain from the event
before it"), which sends the reader looking for an edit that was never made. Every history
command now names the copy and the case it was sealed for."""

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
    "audit verify": (["audit", "verify"], False),
    "replay": (["replay", str(POLICY)], False),
}


@pytest.mark.parametrize("seq", [1, 2, 5])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_row_copied_from_another_case_is_named_a_copy(
    tmp_path: Path, command: str, seq: int
) -> None:
    db = tmp_path / "s.db"
    source, victim = answered_cases(db, ["牛奶过期了", "鸡蛋是碎的"], "K")
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute(
            "UPDATE events SET body = (SELECT body FROM events WHERE case_id = ? AND seq = ?) "
            "WHERE case_id = ? AND seq = ?",
            (source, seq, victim, seq),
        )
    args, takes_id = COMMANDS[command]
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", *args, *[victim][:takes_id]])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    said = " ".join(result.output.split())
    assert f"sealed for case {source}: copied or moved here" in said
    assert "does not chain" not in said
