"""``cases show B`` of a case whose row's body was overwritten with case A's (copied by
hand, A's own row untouched): its first error named case A ("case A is damaged: the case
row says id 'A' but its events say 'B'"), as if A, which is sound, were the damaged one.
Every error now names B, the case asked for and whose row is edited, and says whose body
its row holds."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from answered_cases import answered_cases
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


@pytest.mark.parametrize("command", ["show", "export"])
def test_each_error_names_the_case_asked_for(tmp_path: Path, command: str) -> None:
    db = tmp_path / "s.db"
    source, victim = answered_cases(db, ["牛奶过期了", "鸡蛋是碎的"], "K")
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute(
            "UPDATE cases SET body = (SELECT body FROM cases WHERE id = ?) WHERE id = ?",
            (source, victim),
        )
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", "cases", command, victim])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors
    for line in errors:
        assert line.startswith(f"Error: case {victim} is damaged"), line
    assert any(f"its row holds the body of case {source}" in line for line in errors)
