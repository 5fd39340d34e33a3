"""A store refused for what its schema holds — migrated by a newer complaintkit-postgres, or
another application's tables — named the schema but not the server: with one schema name
on several servers or databases (staging beside production), the message did not say which
store to look at. Both refusals now say "PostgreSQL schema 'x' at <server>", as the
plugin's other errors do, when the store is opened to write or to read."""

from __future__ import annotations

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.url import parse_url
from psycopg import sql

from complaintkit.errors import StorageError

OPENERS = {"write": PostgresStorage, "read": PostgresStorage.reading}


def _run(postgres_url: str, *statements: str) -> None:
    url = parse_url(postgres_url)
    with psycopg.connect(url.conninfo, autocommit=True) as conn:
        for statement in statements:
            conn.execute(sql.SQL(statement).format(schema=sql.Identifier(url.schema)))


@pytest.mark.parametrize("opening", sorted(OPENERS))
def test_a_newer_schema_is_refused_naming_the_schema_and_the_server(
    postgres_url: str, opening: str
) -> None:
    PostgresStorage(postgres_url).close()
    _run(postgres_url, "UPDATE {schema}.schema_version SET version = 99")
    with pytest.raises(StorageError, match="upgrade the plugin") as refused:
        OPENERS[opening](postgres_url)
    url = parse_url(postgres_url)
    assert f"PostgreSQL schema {url.schema!r} at {url.display}" in str(refused.value)


@pytest.mark.parametrize("opening", sorted(OPENERS))
def test_another_applications_schema_is_refused_naming_the_schema_and_the_server(
    postgres_url: str, opening: str
) -> None:
    _run(
        postgres_url,
        "CREATE SCHEMA {schema}",
        "CREATE TABLE {schema}.customers (id integer PRIMARY KEY)",
    )
    with pytest.raises(StorageError, match="another application") as refused:
        OPENERS[opening](postgres_url)
    url = parse_url(postgres_url)
    assert f"PostgreSQL schema {url.schema!r} at {url.display}" in str(refused.value)
