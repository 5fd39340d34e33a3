"""``replay`` over a case whose events were copied from another case (its own deleted,
the other's inserted under its id, each still sealed for the other case): it replayed them
as the other case, counted that case twice, and said "0 would change", exit 0, while
``audit verify`` names every event "copied or moved here". The case is named as damaged,
with the event and the case it was sealed for, and the others are compared."""

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
def test_events_sealed_for_another_case_are_named(tmp_path: Path, one_case: bool) -> None:
    db = tmp_path / "s.db"
    source, victim = answered_cases(db, ("配送延误了三个小时", "牛奶变质了\uff0c喝了肚子疼"), "D")
    with closing(sqlite3.connect(db, isolation_level=None)) as connection:
        connection.execute("DELETE FROM events WHERE case_id = ?", (victim,))
        connection.execute(
            "INSERT INTO events SELECT ?, seq, kind, at, body FROM events WHERE case_id = ?",
            (victim, source),
        )
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        result = replay_store(
            storage, load_policy(POLICY), Plugins(), case_id=victim if one_case else None
        )
    assert [case_id for case_id, _ in result.damaged] == [victim]
    ((_, why),) = result.damaged
    assert f"case {victim}: stored event 1" in why
    assert f"sealed for case {source}" in why
    assert POINTER in why
    assert result.comparison.cases == (0 if one_case else 1)
    cli = CliRunner().invoke(
        build_cli(),
        ["--db", f"sqlite:///{db}", "replay", str(POLICY), *(["--case", victim] * one_case)],
        catch_exceptions=False,
    )
    assert cli.exit_code == 1, cli.output
    assert f"sealed for case {source}" in " ".join(cli.output.split())
