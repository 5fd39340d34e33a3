"""``replay`` over an event row whose columns were edited while its sealed body was not:
its ``seq`` moved (to 99: a gap the ledger and the feed see), its ``kind`` or its ``at``
(to 2099: what queries on the events table read) changed. The replay reads the bodies, so
it compared the case as sound, "0 would change", exit 0, while ``audit verify`` names each
column. The case is named as damaged now, with the column, as the audit names it."""

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


def _store(db: Path) -> list[str]:
    clock = ManualClock(datetime(2026, 10, 1, 2, tzinfo=UTC))
    ids = []
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        desk = Desk(load_policy(POLICY), storage=storage, clock=clock)
        for n, text in enumerate(("配送延误了三个小时", "收银员态度很差")):
            case = desk.intake(
                {
                    "channel": "web",
                    "external_id": f"K{n}",
                    "received_at": clock.now().isoformat(),
                    "customer": {"id": f"顾客{n}"},
                    "text": text,
                }
            )
            clock.advance(timedelta(hours=1))
            desk.respond(case.id, "您好\uff0c我们已收到您的投诉", actor="li.na")
            ids.append(case.id)
    return ids


@pytest.mark.parametrize("column", list(EDITS))
def test_an_edited_event_column_is_named(tmp_path: Path, column: str) -> None:
    db = tmp_path / "s.db"
    kept, victim = _store(db)
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
