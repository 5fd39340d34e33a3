"""``replay`` over a case whose events were copied from another case (its own deleted,
the other's inserted under its id, each still sealed for the other case): it replayed them
as the other case, counted that case twice, and said "0 would change", exit 0, while
``audit verify`` names every event "copied or moved here". The case is named as damaged,
with the event and the case it was sealed for, and the others are compared."""

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
from complaintkit.storage.sqlite import SQLiteStorage

POLICY = Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml"
POINTER = "`complaintkit audit verify` lists every damaged record"


def _store(db: Path) -> list[str]:
    clock = ManualClock(datetime(2026, 10, 1, 2, tzinfo=UTC))
    ids = []
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        desk = Desk(load_policy(POLICY), storage=storage, clock=clock)
        for n, text in ((1, "配送延误了三个小时"), (2, "牛奶变质了\uff0c喝了肚子疼")):
            case = desk.intake(
                {
                    "channel": "web",
                    "external_id": f"D{n}",
                    "received_at": clock.now().isoformat(),
                    "customer": {"id": f"顾客{n}"},
                    "text": text,
                }
            )
            clock.advance(timedelta(hours=1))
            desk.respond(case.id, "您好\uff0c我们已收到您的投诉", actor="li.na")
            ids.append(case.id)
    return ids


@pytest.mark.parametrize("one_case", [False, True], ids=["store", "--case"])
def test_events_sealed_for_another_case_are_named(tmp_path: Path, one_case: bool) -> None:
    db = tmp_path / "s.db"
    source, victim = _store(db)
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
