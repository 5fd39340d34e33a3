"""The storage's connection pool, opened only once the server has answered.

Open it in the process that uses it: a connection pool does not survive ``fork``.
"""

from __future__ import annotations

import logging
import math

import psycopg
from psycopg import Connection
from psycopg.rows import TupleRow
from psycopg_pool import ConnectionPool, PoolTimeout

from complaintkit.errors import StorageError
from complaintkit_postgres.server_said import server_said
from complaintkit_postgres.session import configure
from complaintkit_postgres.url import PostgresURL

# psycopg and its pool log a connection the server ended ('discarding closed connection:
# <psycopg.Connection [BAD] at 0x…>'), which Python's last-resort handler prints on a
# command's stderr beside the error saying what failed; an application that configures
# logging still receives the records.
logging.getLogger("psycopg").addHandler(logging.NullHandler())


def _reach_server(options: PostgresURL) -> None:
    """One connection made before the pool: a server that refuses it (not running, a
    wrong port, no such database or user) is a ``StorageError`` at once, where the pool
    would retry in the background, logging each failure, until ``pool_timeout``; a server
    that does not answer is waited for up to ``pool_timeout``."""
    try:
        psycopg.connect(
            options.conninfo,
            connect_timeout=max(1, math.ceil(options.pool_timeout)),
            options=options.server_options,
        ).close()
    except psycopg.Error as exc:
        raise StorageError(
            f"cannot connect to PostgreSQL at {options.display}: {server_said(exc)}; is the "
            "server running and does the URL name an existing database and user?"
        ) from exc


def open_pool(options: PostgresURL) -> ConnectionPool[Connection[TupleRow]]:
    """A pool of autocommit connections to the server at ``options``, filled to
    ``pool_min`` before it is returned."""
    _reach_server(options)
    pool: ConnectionPool[Connection[TupleRow]] = ConnectionPool(
        options.conninfo,
        min_size=options.pool_min,
        max_size=options.pool_max,
        timeout=options.pool_timeout,
        kwargs={
            "autocommit": True,
            "options": options.server_options,
        },
        configure=configure,
        # a connection the server ended (a restart, an idle timeout) is replaced when it
        # is handed out, for a round trip, instead of failing the next operation on it
        check=ConnectionPool.check_connection,
        name="complaintkit",
        open=False,
    )
    try:
        pool.open(wait=True, timeout=options.pool_timeout)
    except PoolTimeout as exc:
        pool.close()
        refused = _refusal(options)
        if refused is not None:
            raise StorageError(
                f"cannot open pool_min={options.pool_min} connections to PostgreSQL at "
                f"{options.display} within {options.pool_timeout:g}s: the server refused one "
                f"({refused}); lower pool_min in the storage URL, or ask the DBA for more "
                "connections"
            ) from exc
        raise StorageError(
            f"cannot connect to PostgreSQL at {options.display} within "
            f"{options.pool_timeout:g}s; is the server running and does the URL name "
            "an existing database and user?"
        ) from exc
    return pool


def _refusal(options: PostgresURL) -> str | None:
    """What the server says to the connection of ``pool_min`` it refuses, if it refuses one:
    the reason a pool the server answered could not be filled (the role's ``CONNECTION
    LIMIT``, the server's ``max_connections``), which the pool only logs. The pool closes
    what it got when it gives up, so they are asked for again, and closed."""
    held: list[Connection[TupleRow]] = []
    try:
        held.extend(  # one by one: those made before a refusal are closed below
            psycopg.connect(
                options.conninfo,
                connect_timeout=max(1, math.ceil(options.pool_timeout)),
                options=options.server_options,
            )
            for _ in range(options.pool_min)
        )
    except psycopg.Error as exc:
        return server_said(exc)
    finally:
        for conn in held:
            conn.close()
    return None


def no_connection_came_free(options: PostgresURL) -> StorageError:
    """The error for a call that waited ``pool_timeout`` for a connection in vain: every
    one of the pool's was in use (long transactions, too many threads for ``pool_max``) or a
    new one could not be made."""
    return StorageError(
        f"PostgreSQL at {options.display}: no connection came free within "
        f"pool_timeout={options.pool_timeout:g}s (all pool_max={options.pool_max} in use, or "
        "the server not answering); nothing was done: look for long transactions, or raise "
        "pool_max or pool_timeout in the storage URL"
    )
