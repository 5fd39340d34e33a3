"""pytest fixtures for testing against a real PostgreSQL (registered under ``pytest11``).

* ``postgres_server_url`` — the server to test against: ``$COMPLAINTKIT_POSTGRES_URL``, else
  ``postgresql://postgres@127.0.0.1:5432/test``. Tests using it are skipped when the server
  is unreachable, or fail when ``COMPLAINTKIT_REQUIRE_SERVICES=1`` (CI sets it, so a missing
  database can never pass silently).
* ``postgres_url`` — a storage URL on a fresh schema of that server, dropped after the test,
  so tests never see each other's cases and can run in parallel.
* ``migrated_postgres_url`` — a storage URL on a schema migrated and empty, as a store's
  first open leaves it, for tests that only need a store: schemas are taken from a pool
  and emptied after the test rather than migrated anew (``scratch_schemas``).
* ``migrated_postgres_schemas`` — that pool, for a test taking a schema per hypothesis
  example (``take``, then ``give_back`` once the example's stores are closed).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from urllib.parse import urlsplit

import psycopg
import pytest

from complaintkit_postgres.scratch_schemas import MigratedSchemas, drop_schema

__all__ = ["drop_schema", "scratch_url", "unreachable"]

SERVER_ENV = "COMPLAINTKIT_POSTGRES_URL"
REQUIRE_ENV = "COMPLAINTKIT_REQUIRE_SERVICES"
DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/test"


def unreachable(url: str) -> str | None:
    """Why ``url`` cannot be used right now, or ``None`` when a connection works."""
    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return f"PostgreSQL at {url} is unreachable: {str(exc).strip()}"
    return None


def scratch_url(url: str, schema: str) -> str:
    """``url`` on ``schema``, committing without waiting for the disk.

    ``synchronous_commit=off`` can only lose the last commits if the *server* crashes; it
    never breaks atomicity, so the tests prove the same things, only faster.
    """
    separator = "&" if urlsplit(url).query else "?"
    return f"{url}{separator}schema={schema}&options=-c%20synchronous_commit%3Doff"


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    url = os.environ.get(SERVER_ENV, DEFAULT_SERVER)
    reason = unreachable(url)
    if reason is not None:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{reason} ({REQUIRE_ENV}=1 makes this a failure, not a skip)")
        pytest.skip(reason)
    return url


@pytest.fixture
def postgres_url(postgres_server_url: str) -> Iterator[str]:
    schema = f"ck_test_{secrets.token_hex(6)}"
    try:
        yield scratch_url(postgres_server_url, schema)
    finally:
        drop_schema(postgres_server_url, schema)


@pytest.fixture(scope="session")
def migrated_postgres_schemas(postgres_server_url: str) -> Iterator[MigratedSchemas]:
    schemas = MigratedSchemas(postgres_server_url)
    try:
        yield schemas
    finally:
        schemas.close()


@pytest.fixture
def migrated_postgres_url(
    postgres_server_url: str, migrated_postgres_schemas: MigratedSchemas
) -> Iterator[str]:
    schema = migrated_postgres_schemas.take()
    try:
        yield scratch_url(postgres_server_url, schema)
    finally:
        migrated_postgres_schemas.give_back(schema)
