"""``replay`` over a case row whose events were all deleted: the replay read only the
cases that have events, so it left the case out without a word ("0 would change", exit 0)
and ``replay --case`` on it said the case "was not opened", while ``audit verify`` names
"the case row is stored without any events". It is named as damaged now (exit 1)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest
from answered_cases import POLICY, START, answered_cases
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.reports.scope import Scope
from complaintkit.storage.sqlite import SQLiteStorage


@pytest.mark.parametrize("one_case", [False, True], ids=["store", "--case"])
def test_a_case_row_without_events_is_named(tmp_path: Path, one_case: bool) -> None:
    db = tmp_path / "s.db"
    kept, victim = answered_cases(
        db, ("配送延误了三个小时", "收银员态度很差"), "E", timedelta(days=1)
    )
    with closing(sqlite3.connect(db, isolation_level=None)) as connection:
        connection.execute("DELETE FROM events WHERE case_id = ?", (victim,))
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        result = replay_store(
            storage, load_policy(POLICY), Plugins(), case_id=victim if one_case else None
        )
        later = replay_store(storage, load_policy(POLICY), Plugins(), Scope(until=START))
    assert [case_id for case_id, _ in result.damaged] == [victim]
    assert "the case row is stored without any events" in result.damaged[0][1]
    assert result.comparison.cases == (0 if one_case else 1)
    assert later.damaged == []  # opened after the time range asked: not this replay's
    cli = CliRunner().invoke(
        build_cli(),
        ["--db", f"sqlite:///{db}", "replay", str(POLICY), *(["--case", victim] * one_case)],
        catch_exceptions=False,
    )
    assert cli.exit_code == 1, cli.output
    assert f"damaged case {victim}" in cli.output
    assert kept != victim
