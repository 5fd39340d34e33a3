"""``replay`` over a store whose case row or report row someone edited by hand, the
events untouched: a voucher's 20 yuan made 9999 in the case row (what the Desk, caps and
offers read) or in ``case_remedies`` (what every report sums). The replay checked only the
events, counted the 20 yuan as what is stored and said "0 would change", exit 0, while
``audit verify`` names the row. It names the case and the row now, as damaged (exit 1),
and compares the others."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.storage.sqlite import SQLiteStorage

POLICY = Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml"
POINTER = "`complaintkit audit verify` lists every damaged record"


def _store(db: Path) -> list[str]:
    """Two late deliveries, each proposed its 20 yuan voucher."""
    clock = ManualClock(datetime(2026, 10, 1, 2, tzinfo=UTC))
    ids = []
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        desk = Desk(load_policy(POLICY), storage=storage, clock=clock)
        for n in (1, 2):
            case = desk.intake(
                {
                    "channel": "web",
                    "external_id": f"D{n}",
                    "received_at": clock.now().isoformat(),
                    "customer": {"id": f"C{n}"},
                    "text": "配送延误了三个小时 the delivery was late",
                }
            )
            clock.advance(timedelta(hours=1))
            desk.propose_compensation(case.id, actor="li.na")
            ids.append(case.id)
    return ids


def _execute(db: Path, sql: str, *params: object) -> None:
    with closing(sqlite3.connect(db, isolation_level=None)) as connection:
        connection.execute(sql, params)


def _case_row(db: Path, case_id: str) -> str:
    old, new = '"total":{"amount":"20.00"', '"total":{"amount":"9999.00"'
    _execute(db, "UPDATE cases SET body = replace(body, ?, ?) WHERE id = ?", old, new, case_id)
    return "compensation[0].decision.total.amount '9999.00' but its events say '20.00'"


def _report_row(db: Path, case_id: str) -> str:
    sql = "UPDATE case_remedies SET amount = '9999.00' WHERE case_id = ? AND seq = 0"
    _execute(db, sql, case_id)
    return "case_remedies row 0: amount says '9999.00' but its history gives '20.00'"


EDITS: dict[str, Callable[[Path, str], str]] = {"case row": _case_row, "report row": _report_row}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_a_hand_edited_amount_is_named_not_counted(tmp_path: Path, edit: str) -> None:
    db = tmp_path / "s.db"
    victim, other = _store(db)
    said = EDITS[edit](db, victim)
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        result = replay_store(storage, load_policy(POLICY), Plugins())
    assert [case_id for case_id, _ in result.damaged] == [victim]
    ((_, why),) = result.damaged
    assert said in why
    assert POINTER in why
    assert result.comparison.cases == 1  # the other is compared
    assert [c.case_id for c in result.comparison.listed] == []
    assert other != victim
    cli = CliRunner().invoke(
        build_cli(),
        ["--db", f"sqlite:///{db}", "replay", str(POLICY), "--case", victim],
        catch_exceptions=False,
    )
    assert cli.exit_code == 1, cli.output
    assert f"case {victim}" in cli.output
    assert said in " ".join(cli.output.split())
