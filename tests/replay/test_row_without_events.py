"""``replay`` over a case row whose events were all deleted: the replay read only the
cases that have events, so it left the case out without a word ("0 would change", exit 0)
and ``replay --case`` on it said the case "was not opened", while ``audit verify`` names
"the case row is stored without any events". It is named as damaged now (exit 1)."""

from __future__ import annotations

import sqlite3
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
from complaintkit.reports.scope import Scope
from complaintkit.storage.sqlite import SQLiteStorage

POLICY = Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml"
START = datetime(2026, 10, 1, 2, tzinfo=UTC)


def _store(db: Path) -> list[str]:
    clock = ManualClock(START)
    ids = []
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        desk = Desk(load_policy(POLICY), storage=storage, clock=clock)
        for n, text in enumerate(("配送延误了三个小时", "收银员态度很差")):
            case = desk.intake(
                {
                    "channel": "web",
                    "external_id": f"E{n}",
                    "received_at": clock.now().isoformat(),
                    "customer": {"id": f"顾客{n}"},
                    "text": text,
                }
            )
            clock.advance(timedelta(days=1))
            desk.respond(case.id, "您好\uff0c我们已收到您的投诉", actor="li.na")
            ids.append(case.id)
    return ids


@pytest.mark.parametrize("one_case", [False, True], ids=["store", "--case"])
def test_a_case_row_without_events_is_named(tmp_path: Path, one_case: bool) -> None:
    db = tmp_path / "s.db"
    kept, victim = _store(db)
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
