"""A store from before the SLA rows said which clocks were cancelled migrates to say it.

Its withdrawn cases' clocks were counted running for ever; once opened by this version they
are counted cancelled, the rows are those intake writes, and migrating again changes nothing.
"""

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.reports.scope import Scope
from complaintkit.reports.sqlite_source import SQLiteReportSource
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_facts import SLA_CANCELLED
from complaintkit.storage.sqlite_schema import MIGRATIONS

SHOP = Path(__file__).resolve().parents[2] / "policies" / "ecommerce" / "online-shop.yaml"
T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
SLA_ROWS = "SELECT * FROM case_sla ORDER BY case_id, metric"


def _rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute(SLA_ROWS).fetchall()


def _rewind(path: Path) -> None:
    """The store as the version before this column left it."""
    with sqlite3.connect(path) as db:
        db.execute("DROP INDEX case_sla_outcome_due")
        db.execute("CREATE INDEX case_sla_due ON case_sla (metric, met, breached, due_at)")
        db.execute("ALTER TABLE case_sla DROP COLUMN cancelled")
        db.execute(f"PRAGMA user_version = {MIGRATIONS.index(SLA_CANCELLED)}")


def test_a_store_from_before_cancelled_clocks_migrates_to_count_them(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    url = f"sqlite:///{path}"
    desk = Desk(load_policy(SHOP), storage=url, clock=ManualClock(T0))
    cases = [
        desk.intake(
            {
                "channel": "web",
                "external_id": name,
                "received_at": T0.isoformat(),
                "customer": {"id": name},
                "text": "包裹迟迟未到",
            }
        )
        for name in ("kept", "withdrawn")
    ]
    desk.transition(cases[1].id, "withdrawn", actor="customer")
    desk.storage.close()
    written = _rows(path)
    assert {(row[0], row[-1]) for row in written} == {(cases[0].id, 0), (cases[1].id, 1)}
    _rewind(path)

    storage = SQLiteStorage(url)
    source = SQLiteReportSource(storage)
    try:  # a month on: the kept case's clocks have breached, the withdrawn one's never will
        tallies = source.sla(Scope(), T0 + timedelta(days=30))
        assert {m: (t.breached, t.running, t.cancelled) for m, t in tallies.items()} == {
            "first_response": (1, 0, 1),
            "resolution": (1, 0, 1),
        }
    finally:
        source.close()
        storage.close()
    assert _rows(path) == written
    _rewind(path)
    with sqlite3.connect(path) as db:  # rewound with the column kept: migrating again
        db.execute("ALTER TABLE case_sla ADD COLUMN cancelled INTEGER NOT NULL DEFAULT 0")
    SQLiteStorage(url).close()
    assert _rows(path) == written
    verified = CliRunner().invoke(build_cli(), ["--db", url, "audit", "verify", "--json"])
    assert verified.exit_code == 0, verified.output
    assert json.loads(verified.output)["broken"] == []
