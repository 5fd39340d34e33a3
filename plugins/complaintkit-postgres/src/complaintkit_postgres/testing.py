"""pytest fixtures for testing against a real PostgreSQL (registered under ``pytest11``).

* ``postgres_server_url`` — the server to test against: ``$COMPLAINTKIT_POSTGRES_URL``, else
  ``postgresql://postgres@127.0.0.1:5432/test``. Tests using it are skipped when the server
  is unreachable, or fail when ``COMPLAINTKIT_REQUIRE_SERVICES=1`` (CI sets it, so a missing
  database can never pass silently).
* ``postgres_url`` — a storage URL on a fresh schema of that server, dropped after the test,
  so tests never see each other's cases and can run in parallel.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from urllib.parse import urlsplit

import psycopg
import pytest
from psycopg import sql

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


def drop_schema(url: str, schema: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


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
