"""``replay`` over an event row whose columns were edited while its sealed body was not:
its ``seq`` moved (to 99: a gap the ledger and the feed see), its ``kind`` or its ``at``
(to 2099: what queries on the events table read) changed. The replay reads the bodies, so
it compared the case as sound, "0 would change", exit 0, while ``audit verify`` names each
column. The case is named as damaged now, with the column, as the audit names it."""

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

LAST = "(SELECT max(seq) FROM events WHERE case_id = :case)"
EDITS = {
    "seq": (
        f"UPDATE events SET seq = 99 WHERE case_id = :case AND seq = {LAST}",
        "stored as event 99 but sealed as event",
    ),
    "kind": (
        "UPDATE events SET kind = 'closed' WHERE case_id = :case AND seq = 2",
        "kind column says 'closed' but the sealed event says",
    ),
    "at": (
        "UPDATE events SET at = '2099-01-01T00:00:00+00:00' WHERE case_id = :case AND seq = 2",
        "at column says 2099-01-01T00:00:00+00:00 but the sealed event says",
    ),
}


@pytest.mark.parametrize("column", list(EDITS))
def test_an_edited_event_column_is_named(tmp_path: Path, column: str) -> None:
    db = tmp_path / "s.db"
    kept, victim = answered_cases(db, ("配送延误了三个小时", "收银员态度很差"), "K")
    statement, said = EDITS[column]
    with closing(sqlite3.connect(db, isolation_level=None)) as connection:
        connection.execute(statement, {"case": victim})
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        result = replay_store(storage, load_policy(POLICY), Plugins())
    assert [case_id for case_id, _ in result.damaged] == [victim]
    assert said in result.damaged[0][1]
    assert result.comparison.cases == 1
    cli = CliRunner().invoke(
        build_cli(),
        ["--db", f"sqlite:///{db}", "replay", str(POLICY), "--case", victim],
        catch_exceptions=False,
    )
    assert cli.exit_code == 1, cli.output
    assert said in " ".join(cli.output.split())
    assert kept != victim
