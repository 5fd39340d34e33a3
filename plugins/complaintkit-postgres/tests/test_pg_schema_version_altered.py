"""A store whose ``schema_version`` row was set by hand to a version its tables are not
at failed as it opened with the server's words alone (``DuplicateTable: relation
"dead_letters" already exists``, from the upgrade run again over tables it had made),
naming neither the store nor what to do; one set to a negative version was taken for an
old one and had its last upgrade run again. Both are now refused with a ``StorageError``
naming the schema, the version and what to do, and nothing is written."""

from __future__ import annotations

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.url import parse_url
from psycopg import sql

from complaintkit.errors import StorageError

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize("version", [-1, 1, 3])
def test_a_schema_version_its_tables_are_not_at_is_refused(postgres_url: str, version: int) -> None:
    with PostgresStorage(postgres_url):
        pass
    url = parse_url(postgres_url)
    table = sql.Identifier(url.schema, "schema_version")
    with psycopg.connect(url.conninfo, autocommit=True) as conn:
        conn.execute(sql.SQL("UPDATE {} SET version = %s").format(table), (version,))
    with pytest.raises(StorageError) as refused:
        PostgresStorage(postgres_url).close()
    message = str(refused.value)
    assert url.schema in message
    assert f"version {version}" in message
    assert "backup" in message
    with psycopg.connect(url.conninfo, autocommit=True) as conn:
        stored = conn.execute(sql.SQL("SELECT version FROM {}").format(table)).fetchone()
    assert stored == (version,)
