"""A store upgraded from any older schema version ends with the very schema a fresh install
makes: the report-facts trigger and its function (restated by several migrations), every
column, index and function; and a case it held before the upgrade has the report facts a
fresh store gives it. Reports read what the trigger writes, so an upgraded store whose
trigger or facts lagged a version would count its cases differently from a fresh one,
unseen. (Each prefix of ``MIGRATIONS`` is the schema an older release left.)"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator

import psycopg
import pytest
from complaintkit_postgres import schema
from complaintkit_postgres.testing import drop_schema
from psycopg import sql

pytestmark = pytest.mark.postgres

CURRENT = len(schema.MIGRATIONS)

_TRIGGERS = """
    SELECT t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t
    JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = %s AND NOT t.tgisinternal ORDER BY 1
"""
_FUNCTIONS = """
    SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = %s ORDER BY 1
"""
_COLUMNS = """
    SELECT table_name, column_name, data_type, is_nullable, column_default
    FROM information_schema.columns WHERE table_schema = %s ORDER BY 1, ordinal_position
"""
_INDEXES = "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = %s ORDER BY 1"

#: what the trigger reads of a case: a complaint received before it was opened, a running
#: clock, a met one, a cancelled one and a remedy on offer
_BODY = {
    "severity": "high",
    "team": "parcels",
    "first_response_at": "2026-11-23T10:00:00+00:00",
    "complaints": [
        {
            "channel": "web",
            "product": "parcel",
            "received_at": "2026-11-22T09:00:00+00:00",
            "text": "快递三天没到 / parcel is late",
        }
    ],
    "clocks": {
        "first_response": {
            "state": "stopped",
            "due_at": "2026-11-23T11:00:00+00:00",
            "met_at": "2026-11-23T10:00:00+00:00",
        },
        "resolution": {"state": "running", "due_at": "2026-11-26T09:00:00+00:00"},
        "callback": {
            "state": "stopped",
            "due_at": "2026-11-24T09:00:00+00:00",
            "outcome": "cancelled",
        },
    },
    "compensation": [
        {
            "status": "offered",
            "decision": {
                "remedies": [{"kind": "refund", "amount": {"currency": "CNY", "amount": "30.00"}}]
            },
        }
    ],
}
_CASE = """
    INSERT INTO cases (id, version, status, is_open, customer_id, owner, category, opened_at,
                       next_deadline, body)
    VALUES ('CK-1', 3, 'open', true, 'C1', 'li.na', 'delivery', '2026-11-23T09:00:00+00:00',
            '2026-11-26T09:00:00+00:00', %s)
"""
_FACTS = {
    "facts": "SELECT * FROM case_facts ORDER BY id",
    "sla": "SELECT * FROM case_sla ORDER BY case_id, metric",
    "remedies": "SELECT * FROM case_remedies ORDER BY case_id, seq",
}


@pytest.fixture
def connection(postgres_server_url: str) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    with psycopg.connect(postgres_server_url, autocommit=True) as conn:
        yield conn


def _migrated(
    conn: psycopg.Connection[tuple[object, ...]],
    server: str,
    monkeypatch: pytest.MonkeyPatch,
    steps: list[int],
) -> dict[str, list[tuple[str, ...]]]:
    """The catalogue of a fresh schema migrated to each version of ``steps`` in turn (as
    each older plugin release would have left it, then the next), its name written out, and
    the report facts of a case stored at the first."""
    name = f"ck_test_{secrets.token_hex(6)}"
    try:
        for n, version in enumerate(steps):
            with monkeypatch.context() as patch:
                patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:version])
                assert schema.migrate(conn, name, "the test server") == version
            if n == 0:
                with conn.transaction():
                    conn.execute(
                        sql.SQL("SET LOCAL search_path TO {}").format(sql.Identifier(name))
                    )
                    conn.execute(_CASE, (json.dumps(_BODY),))
        conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(name)))
        found = {
            **{part: conn.execute(query).fetchall() for part, query in _FACTS.items()},
            "triggers": conn.execute(_TRIGGERS, (name,)).fetchall(),
            "functions": conn.execute(_FUNCTIONS, (name,)).fetchall(),
            "columns": conn.execute(_COLUMNS, (name,)).fetchall(),
            "indexes": conn.execute(_INDEXES, (name,)).fetchall(),
        }
    finally:
        drop_schema(server, name)
    return {
        part: [tuple(str(v).replace(name, "<schema>") for v in row) for row in rows]
        for part, rows in found.items()
    }


def test_the_report_facts_trigger_is_there(
    connection: psycopg.Connection[tuple[object, ...]],
    postgres_server_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fresh = _migrated(connection, postgres_server_url, monkeypatch, [CURRENT])
    assert [name for name, _ in fresh["triggers"]] == ["cases_facts"]
    assert "case_facts_sync" in {name for name, _ in fresh["functions"]}
    assert "cancelled" in {row[0]: row[1] for row in fresh["functions"]}["case_facts_sync"]
    assert len(fresh["facts"]) == 1
    assert len(fresh["sla"]) == 3
    assert len(fresh["remedies"]) == 1


@pytest.mark.parametrize("older", range(1, CURRENT))
def test_an_upgraded_store_ends_as_a_fresh_one(
    connection: psycopg.Connection[tuple[object, ...]],
    postgres_server_url: str,
    monkeypatch: pytest.MonkeyPatch,
    older: int,
) -> None:
    fresh = _migrated(connection, postgres_server_url, monkeypatch, [CURRENT])
    upgraded = _migrated(connection, postgres_server_url, monkeypatch, [older, CURRENT])
    assert upgraded == fresh
