"""A pool the server will not fill (``pool_min`` past the role's ``CONNECTION LIMIT`` or
the server's ``max_connections``) failed after ``pool_timeout`` with "cannot connect to
PostgreSQL … within 5s; is the server running and does the URL name an existing database
and user?", though the server answered: the refusal the pool met was nowhere said."""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.server_said import server_said
from complaintkit_postgres.testing import drop_schema
from psycopg import sql

from complaintkit.errors import StorageError

pytestmark = pytest.mark.postgres


@pytest.fixture
def limited_url(postgres_server_url: str) -> Iterator[str]:
    """A URL, as a role that may hold two connections, on a migrated schema it may read."""
    role, schema = f"jd_role_{secrets.token_hex(6)}", f"jd_pool_{secrets.token_hex(6)}"
    PostgresStorage(f"{postgres_server_url}?schema={schema}").close()
    with psycopg.connect(postgres_server_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN CONNECTION LIMIT 2").format(sql.Identifier(role))
        )
        conn.execute(
            sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(*map(sql.Identifier, (schema, role)))
        )
        conn.execute(
            sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}").format(
                *map(sql.Identifier, (schema, role))
            )
        )
    host = urlsplit(postgres_server_url).netloc.rpartition("@")[2]
    parts = urlsplit(postgres_server_url)._replace(netloc=f"{role}@{host}")
    try:
        yield f"{parts.geturl()}?schema={schema}"
    finally:
        drop_schema(postgres_server_url, schema)
        with psycopg.connect(postgres_server_url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def _refusal_of_a_third(url: str, admin_url: str) -> str:
    """What the server says to a third connection of the role, as the storage says it;
    once the server has let go of the refused pool's connections, which it ends after the
    pool gives up (counted against the limit until then)."""
    conninfo = urlsplit(url)._replace(query="").geturl()
    role = urlsplit(url).netloc.partition("@")[0]
    with psycopg.connect(admin_url, autocommit=True) as admin:
        for _ in range(200):
            query = "SELECT count(*) FROM pg_stat_activity WHERE usename = %s"
            (held,) = admin.execute(query, (role,)).fetchone() or (0,)
            if not held:
                break
            time.sleep(0.05)
    with (
        psycopg.connect(conninfo),
        psycopg.connect(conninfo),
        pytest.raises(psycopg.OperationalError) as refused,
    ):
        psycopg.connect(conninfo)
    return server_said(refused.value)


def test_the_servers_refusal_is_said(limited_url: str, postgres_server_url: str) -> None:
    with PostgresStorage.reading(f"{limited_url}&pool_min=2&pool_max=2") as storage:
        assert list(storage.case_ids()) == []  # two are let in
    with pytest.raises(StorageError) as refused:
        PostgresStorage.reading(f"{limited_url}&pool_min=3&pool_max=3&pool_timeout=2")
    message = str(refused.value)
    assert _refusal_of_a_third(limited_url, postgres_server_url) in message
    assert "pool_min=3" in message
    assert "is the server running" not in message
