"""A schema from before the SLA rows said which clocks were cancelled migrates to say it.

A withdrawn case's clocks were counted running for ever; once migrated they are counted
cancelled, and the rows are those the trigger writes afresh.
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


def _sla_rows(url: str, *, refreshed: bool = False) -> list[tuple[object, ...]]:
    """The SLA rows stored, or as the trigger writes them afresh from every case."""
    where = parse_url(url)
    with psycopg.connect(where.conninfo, options=where.server_options) as conn:
        if refreshed:
            conn.execute("UPDATE cases SET version = version")
        rows = conn.execute("SELECT * FROM case_sla ORDER BY case_id, metric").fetchall()
        conn.rollback()
        return rows


def test_a_schema_from_before_cancelled_clocks_counts_them(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cancelled = next(i for i, m in enumerate(schema.MIGRATIONS) if "cancelled boolean" in m)
    monkeypatch.setattr(schema, "MIGRATIONS", migrations_before(cancelled))
    plugins = Plugins(plugin_manager(load_entrypoints=False))
    desk = Desk(
        load_policy(SHOP),
        storage=PostgresStorage(postgres_url),
        clock=ManualClock(T0),
        plugins=plugins,
    )
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
    assert all(len(row) == 5 for row in _sla_rows(postgres_url))
    monkeypatch.undo()

    storage = PostgresStorage(postgres_url)
    try:  # a month on: the kept case's clocks have breached, the withdrawn one's never will
        assert storage.schema_version == len(schema.MIGRATIONS)
        tallies = PostgresReportSource(storage).sla(Scope(), T0 + timedelta(days=30))
        assert {m: (t.breached, t.running, t.cancelled) for m, t in tallies.items()} == {
            "first_response": (1, 0, 1),
            "resolution": (1, 0, 1),
        }
    finally:
        storage.close()
    migrated = _sla_rows(postgres_url)
    assert {(row[0], row[-1]) for row in migrated} == {(cases[0].id, False), (cases[1].id, True)}
    assert migrated == _sla_rows(postgres_url, refreshed=True)
    verified = CliRunner().invoke(build_cli(), ["--db", postgres_url, "audit", "verify", "--json"])
    assert verified.exit_code == 0, verified.output
    assert json.loads(verified.output)["broken"] == []
