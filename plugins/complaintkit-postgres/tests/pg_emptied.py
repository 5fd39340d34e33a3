"""A schema migrated once per test module and put back as migrating left it before each test.

Migrating a fresh schema (every table, index and trigger) is most of a contract test's
time; a test that only uses the store it is given sees the same thing in a schema whose
tables are emptied, its sequences restarted and the rows the migrations seed written
again. Tests about migrating, opening or the schema itself keep ``postgres_url``.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.testing import drop_schema, scratch_url
from psycopg import sql

Seeded = dict[str, list[tuple[Any, ...]]]


def tables_of(conn: psycopg.Connection[Any], schema: str) -> list[str]:
    return [
        name
        for (name,) in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename", (schema,)
        )
    ]


def contents(conn: psycopg.Connection[Any], schema: str) -> Seeded:
    """Every table's rows, in a stable order."""
    return {
        table: sorted(
            conn.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(schema, table))),
            key=repr,
        )
        for table in tables_of(conn, schema)
    }


def put_back(conn: psycopg.Connection[Any], schema: str, seeded: Seeded) -> None:
    """Empty the schema's tables (but its version), restart its sequences, seed again.

    DELETE, not TRUNCATE, which makes every table's files anew (a third of a second for a
    test's few rows, against a fiftieth); cases last, the other tables' rows refer to them."""
    emptied = sorted((t for t in seeded if t != "schema_version"), key=lambda t: t == "cases")
    with conn.transaction():
        for table in emptied:
            conn.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(schema, table)))
        for (sequence,) in conn.execute(
            "SELECT sequencename FROM pg_sequences WHERE schemaname = %s", (schema,)
        ).fetchall():
            conn.execute(
                sql.SQL("ALTER SEQUENCE {} RESTART").format(sql.Identifier(schema, sequence))
            )
        for table in emptied:
            for row in seeded[table]:
                conn.execute(
                    sql.SQL("INSERT INTO {} VALUES ({})").format(
                        sql.Identifier(schema, table),
                        sql.SQL(", ").join(sql.Placeholder() * len(row)),
                    ),
                    row,
                )


@pytest.fixture(scope="module")
def migrated_schema(postgres_server_url: str) -> Iterator[tuple[str, Seeded]]:
    """A schema of this module's, migrated, and what its tables held just after."""
    schema = f"ck_test_{secrets.token_hex(6)}"
    PostgresStorage(scratch_url(postgres_server_url, schema)).close()
    try:
        with psycopg.connect(postgres_server_url, autocommit=True) as conn:
            yield schema, contents(conn, schema)
    finally:
        drop_schema(postgres_server_url, schema)


@pytest.fixture
def emptied_postgres_url(postgres_server_url: str, migrated_schema: tuple[str, Seeded]) -> str:
    """A storage URL on the module's schema, as migrating it left it."""
    schema, seeded = migrated_schema
    with psycopg.connect(postgres_server_url, autocommit=True) as conn:
        put_back(conn, schema, seeded)
    return scratch_url(postgres_server_url, schema)
