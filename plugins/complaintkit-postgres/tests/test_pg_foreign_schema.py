"""A schema holding another application's tables is refused, and left as it was."""

from __future__ import annotations

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.url import parse_url
from psycopg import sql

from complaintkit.errors import StorageError


def test_another_applications_schema_is_refused_and_left_as_it_was(postgres_url: str) -> None:
    url = parse_url(postgres_url)
    with psycopg.connect(url.conninfo, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(url.schema)))
        conn.execute(
            sql.SQL("CREATE TABLE {}.customers (id integer, name text)").format(
                sql.Identifier(url.schema)
            )
        )
    with pytest.raises(StorageError, match="customers") as raised:
        PostgresStorage(postgres_url)
    assert url.schema in str(raised.value)
    with psycopg.connect(url.conninfo, autocommit=True) as conn:
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
            (url.schema,),
        ).fetchall()
    assert tables == [("customers",)]
