"""A schema from before the report facts held the complaint's receipt migrates to it.

The facts trigger of that schema timed durations from the opening; after the migration the
reports count a complaint taken in late on the day it was received and time it from then.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

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
from complaintkit.reports.scope import Scope

pytestmark = pytest.mark.postgres

SHANGHAI = ZoneInfo("Asia/Shanghai")
RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI)
INTAKE = datetime(2026, 3, 9, 15, 0, tzinfo=SHANGHAI)
H = timedelta(hours=1)
FACTS = "SELECT * FROM case_facts ORDER BY id"


def _facts(url: str) -> list[tuple[object, ...]]:
    where = parse_url(url)
    with psycopg.connect(where.conninfo, options=where.server_options) as conn:
        return conn.execute(FACTS).fetchall()


def _refreshed(url: str) -> list[tuple[object, ...]]:
    """The facts as the trigger writes them afresh from every case."""
    where = parse_url(url)
    with psycopg.connect(where.conninfo, options=where.server_options) as conn:
        conn.execute("UPDATE cases SET version = version")
        rows = conn.execute(FACTS).fetchall()
        conn.rollback()
        return rows


def test_a_schema_from_before_the_receipt_migrates_to_count_and_time_by_it(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    receipt = next(i for i, m in enumerate(schema.MIGRATIONS) if "received_at timestamptz" in m)
    monkeypatch.setattr(schema, "MIGRATIONS", migrations_before(receipt))
    clock = ManualClock(INTAKE)
    plugins = Plugins(plugin_manager(load_entrypoints=False))
    desk = Desk(storage=PostgresStorage(postgres_url), clock=clock, plugins=plugins)
    late = desk.intake(
        {
            "channel": "old-desk",
            "external_id": "P-1",
            "received_at": RECEIVED.isoformat(),
            "customer": {"id": "C1"},
            "text": "面包发霉了",
        }
    )
    clock.set(INTAKE + H)
    desk.respond(late.id, "sorry for the wait", actor="li.na")
    desk.storage.close()
    monkeypatch.undo()

    storage = PostgresStorage(postgres_url)
    try:
        assert storage.schema_version == len(schema.MIGRATIONS)
        source = PostgresReportSource(storage)
        assert source.daily("channel", Scope(), SHANGHAI) == {"old-desk": {date(2026, 3, 2): 1}}
        waited = (INTAKE + H - RECEIVED).total_seconds()
        assert source.percentiles("first_response", Scope(), [0.5]) == (1, [waited])
    finally:
        storage.close()
    assert _facts(postgres_url) == _refreshed(postgres_url)
    verified = CliRunner().invoke(build_cli(), ["--db", postgres_url, "audit", "verify", "--json"])
    assert verified.exit_code == 0, verified.output
    assert json.loads(verified.output)["broken"] == []
