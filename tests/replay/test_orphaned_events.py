"""``replay`` over a store holding events under a case id that has no case row (the row
deleted by hand, or lost): the replay read only the events of stored cases, so it left that
history out without a word, said "0 would change" and exited 0, while ``audit verify``
names "events are stored but the case row is missing". It names the case as damaged now
(exit 1), and compares the others."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from answered_cases import POLICY, answered_cases
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.storage.sqlite import SQLiteStorage

POINTER = "`complaintkit audit verify` lists every damaged record"


@pytest.mark.parametrize("one_case", [False, True], ids=["store", "--case"])
def test_events_without_a_case_row_are_named(tmp_path: Path, one_case: bool) -> None:
    db = tmp_path / "s.db"
    ids = answered_cases(db, ("配送延误了三个小时", "收银员态度很差", "促销价格没有生效"), "O")
    victim = ids[1]
    with closing(sqlite3.connect(db, isolation_level=None)) as connection:
        connection.execute("DELETE FROM cases WHERE id = ?", (victim,))
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        result = replay_store(
            storage, load_policy(POLICY), Plugins(), case_id=victim if one_case else None
        )
    assert [case_id for case_id, _ in result.damaged] == [victim]
    ((_, why),) = result.damaged
    assert f"case {victim}" in why
    assert "case row is missing" in why
    assert POINTER in why
    assert result.comparison.cases == (0 if one_case else 2)
    cli = CliRunner().invoke(
        build_cli(),
        ["--db", f"sqlite:///{db}", "replay", str(POLICY), *(["--case", victim] * one_case)],
        catch_exceptions=False,
    )
    assert cli.exit_code == 1, cli.output
    assert f"damaged case {victim}" in cli.output
    assert "case row is missing" in " ".join(cli.output.split())
