"""A call that cannot get a connection, or waits on a lock another session holds, ends in
a ``StorageError`` that names the server (never its password) and says what to change,
after the bound the URL sets: not after an unbounded or unexplained wait."""

from __future__ import annotations

import threading
import time
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage

from complaintkit.errors import StorageError


def _with_password(url: str, password: str) -> str:
    parts = urlsplit(url)
    user = parts.username or "postgres"
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{user}:{password}@{host}"))


def test_a_pool_with_every_connection_busy_is_a_storage_error_saying_what_to_change(
    postgres_url: str,
) -> None:
    password = "pw-never-shown"  # the test server trusts loopback: any password is let in
    url = _with_password(postgres_url, password) + "&pool_max=1&pool_timeout=0.5"
    with PostgresStorage(url) as storage:
        holding, release = threading.Event(), threading.Event()

        def hold_the_only_connection() -> None:
            with storage.transaction():
                list(storage.case_ids())
                holding.set()
                release.wait(10)

        holder = threading.Thread(target=hold_the_only_connection)
        holder.start()
        try:
            assert holding.wait(10)
            started = time.monotonic()
            with pytest.raises(StorageError) as refused:
                storage.deliveries()
            waited = time.monotonic() - started
        finally:
            release.set()
            holder.join(10)
    message = str(refused.value)
    assert 0.4 <= waited < 5
    assert password not in message
    assert "127.0.0.1" in message
    assert "pool_max=1" in message
    assert "pool_timeout=0.5" in message


def test_a_lock_wait_is_bounded_by_lock_timeout_in_the_url(postgres_url: str) -> None:
    """PostgreSQL waits on a lock as long as it is held; the URL's ``options`` bound it."""
    url = f"{postgres_url}&options=-c%20lock_timeout%3D500"
    PostgresStorage(postgres_url).close()  # migrated, so opening waits for no migration
    with PostgresStorage(url) as storage:
        schema = storage.options.schema
        with psycopg.connect(storage.options.conninfo) as other:
            other.execute(f"LOCK TABLE {schema}.cases IN ACCESS EXCLUSIVE MODE")
            started = time.monotonic()
            with pytest.raises(StorageError, match="127.0.0.1"):
                list(storage.case_ids())
            assert time.monotonic() - started < 5
