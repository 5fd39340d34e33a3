"""The pool behind ``migrated_postgres_url`` hands each test a schema as a first open leaves
one: a schema a test wrote into comes back empty, one whose design it changed never comes
back."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.scratch_schemas import MigratedSchemas, catalog
from complaintkit_postgres.testing import scratch_url
from psycopg import sql

pytestmark = pytest.mark.postgres


@pytest.fixture
def schemas(postgres_server_url: str) -> Iterator[MigratedSchemas]:
    pool = MigratedSchemas(postgres_server_url)
    try:
        yield pool
    finally:
        pool.close()


def rows(url: str, query: str, schema: str) -> list[tuple[object, ...]]:
    with psycopg.connect(url) as conn:
        conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
        return conn.execute(query).fetchall()


def test_a_schema_written_into_comes_back_as_migrated(
    schemas: MigratedSchemas, postgres_server_url: str
) -> None:
    schema = schemas.take()
    fresh = {t: rows(postgres_server_url, f"SELECT * FROM {t}", schema) for t in schemas.tables}
    with psycopg.connect(postgres_server_url) as conn:
        conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
        conn.execute(
            "INSERT INTO dead_letters (source, raw, reason, at) VALUES ('s', '', 'r', now())"
        )
        conn.execute(
            "INSERT INTO cases (id, version, status, is_open, customer_id, opened_at, body) "
            "VALUES ('CK-1', 1, 'new', true, 'c', now(), '{}')"
        )
        conn.execute(
            "INSERT INTO events (case_id, seq, kind, at, body) VALUES ('CK-1', 1, 'k', now(), '{}')"
        )
        conn.execute("INSERT INTO intake_keys VALUES ('mail', 'x', 'CK-1')")
        conn.execute("DELETE FROM plan_mark")
        conn.execute("UPDATE schema_version SET version = version + 1")
    schemas.give_back(schema)
    assert schemas.take() == schema
    again = {t: rows(postgres_server_url, f"SELECT * FROM {t}", schema) for t in schemas.tables}
    assert again == fresh
    assert fresh["schema_version"]
    assert fresh["plan_mark"]
    assert not again["cases"]
    (position,) = rows(
        postgres_server_url,
        "INSERT INTO dead_letters (source, raw, reason, at) VALUES ('s', '', 'r', now()) RETURNING id",
        schema,
    )
    assert position == (1,)
    with psycopg.connect(postgres_server_url) as conn:
        assert catalog(conn, schema) == schemas.definitions


@pytest.mark.parametrize(
    "change",
    [
        "ALTER TABLE cases ADD COLUMN extra text",
        "ALTER TABLE cases ALTER COLUMN category SET NOT NULL",
        "ALTER TABLE cases DISABLE TRIGGER cases_facts",
        "DROP INDEX cases_owner",
        "ALTER TABLE events DISABLE TRIGGER ALL",
        "CREATE FUNCTION extra() RETURNS int LANGUAGE sql AS 'SELECT 1'",
        "CREATE VIEW extra AS SELECT 1 AS one",
        "ALTER TABLE dead_letters ALTER COLUMN retries SET DEFAULT 7",
        "ALTER SEQUENCE dead_letters_id_seq INCREMENT BY 2",
        "DROP SCHEMA {schema} CASCADE",
    ],
)
def test_a_schema_whose_design_changed_is_dropped(
    schemas: MigratedSchemas, postgres_server_url: str, change: str
) -> None:
    schema = schemas.take()
    with psycopg.connect(postgres_server_url) as conn:
        conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
        conn.execute(change.format(schema=schema))
    schemas.give_back(schema)
    assert schema not in schemas.idle
    with psycopg.connect(postgres_server_url) as conn:
        assert catalog(conn, schema) == []


def test_a_schema_whose_outbox_lock_is_held_is_dropped(
    schemas: MigratedSchemas, postgres_server_url: str
) -> None:
    schema = schemas.take()
    lingering = PostgresStorage(scratch_url(postgres_server_url, schema))
    with lingering, lingering.hold_outbox() as held:  # as a worker whose process lingers
        assert held
        schemas.give_back(schema)
    assert schema not in schemas.idle
    fresh = schemas.take()
    storage = PostgresStorage(scratch_url(postgres_server_url, fresh))
    with storage, storage.hold_outbox() as held:
        assert held
