"""A schema with a ``schema_version`` table is not therefore a complaintkit store: Flyway
(before version 5) keeps its history in a table of that name. Such a schema is refused, for
writing, for reading and for ``stored_version``, and left as it was."""

from __future__ import annotations

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.url import parse_url
from psycopg import sql

from complaintkit.errors import StorageError

_FLYWAY = (
    "CREATE TABLE {schema}.schema_version (installed_rank integer PRIMARY KEY, "
    "version varchar(50), description varchar(200) NOT NULL, success boolean NOT NULL)",
    "INSERT INTO {schema}.schema_version VALUES (1, '1.2', 'init', true)",
    "CREATE TABLE {schema}.customers (id integer PRIMARY KEY, name text)",
)


def _tables(conninfo: str, schema: str) -> list[tuple[str, ...]]:
    with psycopg.connect(conninfo, autocommit=True) as conn:
        return conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = %s ORDER BY 1, 2",
            (schema,),
        ).fetchall()


@pytest.mark.parametrize("opening", ["write", "read", "stored_version"])
@pytest.mark.parametrize("statements", [len(_FLYWAY), 2], ids=["with-tables", "history-only"])
def test_a_flyway_schema_is_refused_and_left_as_it_was(
    postgres_url: str, opening: str, statements: int
) -> None:
    url = parse_url(postgres_url)
    with psycopg.connect(url.conninfo, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(url.schema)))
        for statement in _FLYWAY[:statements]:
            conn.execute(sql.SQL(statement).format(schema=sql.Identifier(url.schema)))
    before = _tables(url.conninfo, url.schema)
    opener = {
        "write": PostgresStorage,
        "read": PostgresStorage.reading,
        "stored_version": PostgresStorage.stored_version,
    }[opening]
    with pytest.raises(StorageError, match="another application") as refused:
        opener(postgres_url)
    assert url.schema in str(refused.value)
    assert _tables(url.conninfo, url.schema) == before
