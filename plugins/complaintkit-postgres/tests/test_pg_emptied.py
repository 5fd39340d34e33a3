"""A schema put back by ``pg_emptied`` holds what a freshly migrated one holds."""

from __future__ import annotations

import secrets

import psycopg
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.testing import drop_schema, scratch_url
from pg_emptied import Seeded, contents, emptied_postgres_url, migrated_schema, put_back
from psycopg import sql

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.testing.storage_contract import T0, make_complaint

__all__ = ["emptied_postgres_url", "migrated_schema"]


def test_a_used_schema_put_back_is_a_fresh_one(
    postgres_server_url: str, migrated_schema: tuple[str, Seeded]
) -> None:
    schema, seeded = migrated_schema
    with PostgresStorage(scratch_url(postgres_server_url, schema)) as storage:
        Desk(storage=storage, clock=ManualClock(T0)).intake(make_complaint("used"))
    fresh = f"ck_test_{secrets.token_hex(6)}"
    PostgresStorage(scratch_url(postgres_server_url, fresh)).close()
    try:
        with psycopg.connect(postgres_server_url, autocommit=True) as conn:
            assert contents(conn, schema) != seeded
            put_back(conn, schema, seeded)
            assert contents(conn, schema) == contents(conn, fresh) == seeded
            assert next_values(conn, schema) == next_values(conn, fresh)
    finally:
        drop_schema(postgres_server_url, fresh)


def next_values(conn: psycopg.Connection[tuple[object, ...]], schema: str) -> list[object]:
    """The value each of the schema's sequences gives next (which uses it up)."""
    names = conn.execute(
        "SELECT sequencename FROM pg_sequences WHERE schemaname = %s ORDER BY 1", (schema,)
    ).fetchall()
    assert names
    return [
        conn.execute(sql.SQL("SELECT nextval({})").format(sql.Literal(f"{schema}.{n}"))).fetchone()
        for (n,) in names
    ]
