"""A schema from before the SLA rows held each clock's due instant migrates to it.

Reports are as of an instant: a clock due before it and unmet has breached, whether or not
a tick has recorded it. A schema whose rows lack the due instant gets it from its cases.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from complaintkit_postgres import PostgresStorage, schema
from complaintkit_postgres.reports import PostgresReportSource
from complaintkit_postgres.url import parse_url
from pg_older import migrations_before

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.reports.scope import Scope

pytestmark = pytest.mark.postgres

SHOP = Path(__file__).resolve().parents[3] / "policies" / "ecommerce" / "online-shop.yaml"
T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
SLA = "SELECT * FROM case_sla ORDER BY case_id, metric"


def _sla_rows(url: str, *, refreshed: bool = False) -> list[tuple[object, ...]]:
    """The SLA rows stored, or as the trigger writes them afresh from every case."""
    where = parse_url(url)
    with psycopg.connect(where.conninfo, options=where.server_options) as conn:
        if refreshed:
            conn.execute("UPDATE cases SET version = version")
        rows = conn.execute(SLA).fetchall()
        conn.rollback()
        return rows


def test_a_schema_from_before_the_due_instants_counts_a_passed_deadline(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    due = next(i for i, m in enumerate(schema.MIGRATIONS) if "due_at timestamptz;" in m)
    monkeypatch.setattr(schema, "MIGRATIONS", migrations_before(due))
    plugins = Plugins(plugin_manager(load_entrypoints=False))
    desk = Desk(
        load_policy(SHOP),
        storage=PostgresStorage(postgres_url),
        clock=ManualClock(T0),
        plugins=plugins,
    )
    desk.intake(
        {
            "channel": "web",
            "external_id": "n",
            "received_at": T0.isoformat(),
            "customer": {"id": "c"},
            "text": "包裹迟迟未到",
        }
    )
    desk.storage.close()
    assert all(len(row) == 4 for row in _sla_rows(postgres_url))
    monkeypatch.undo()

    storage = PostgresStorage(postgres_url)
    try:  # a month on, no tick has run: both clocks have missed their deadlines
        assert storage.schema_version == len(schema.MIGRATIONS)
        tallies = PostgresReportSource(storage).sla(Scope(), T0 + timedelta(days=30))
        assert {m: (t.met, t.breached, t.running) for m, t in tallies.items()} == {
            "first_response": (0, 1, 0),
            "resolution": (0, 1, 0),
        }
    finally:
        storage.close()
    migrated = _sla_rows(postgres_url)
    assert all(row[4] is not None for row in migrated)
    assert migrated == _sla_rows(postgres_url, refreshed=True)
    verified = CliRunner().invoke(build_cli(), ["--db", postgres_url, "audit", "verify", "--json"])
    assert verified.exit_code == 0, verified.output
    assert json.loads(verified.output)["broken"] == []
