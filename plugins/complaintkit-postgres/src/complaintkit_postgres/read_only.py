"""Opening a PostgreSQL store only to read it: no schema created, no migration, no write.

Commands that only read (``replay``, ``report``, ``cases list``, ``audit verify``…) must not
create an empty schema for a misspelt ``?schema=`` and then report nothing, nor upgrade a
schema behind the user's back: an older one is refused with the command that upgrades it.
Every connection runs with ``default_transaction_read_only``, so the server itself refuses
any write, which then says the store was opened only to read.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import attrs
import psycopg
from psycopg import Connection
from psycopg.rows import TupleRow

from complaintkit.errors import StorageError
from complaintkit_postgres.schema import MIGRATIONS, too_new, version_found
from complaintkit_postgres.url import PostgresURL

_READ_ONLY = "-c default_transaction_read_only=on"


def read_only_options(options: PostgresURL) -> PostgresURL:
    """``options`` whose connections begin every transaction read-only."""
    return attrs.evolve(options, server_options=f"{options.server_options} {_READ_ONLY}")


def readable_version(conn: Connection[TupleRow], options: PostgresURL) -> int:
    """The schema version of the store ``options`` names, read without writing; raise
    unless it is a complaintkit store of exactly this plugin's version."""
    schema, known = options.schema, len(MIGRATIONS)
    where = f"PostgreSQL schema {schema!r} at {options.display}"
    version = version_found(conn, schema, options.display)
    if version is None:
        raise StorageError(
            f"{where} does not exist, so there is no complaintkit store to read; check --db "
            "(a command that writes creates the schema)"
        )
    if version == 0:
        raise StorageError(
            f"{where} holds no complaintkit store (no tables); check --db "
            "(a command that writes creates one)"
        )
    if version > known:
        raise too_new(schema, version, options.display)
    if version < known:
        raise StorageError(
            f"{where} has schema version {version}, older than this complaintkit-postgres's "
            f"({known}); this command only reads and does not upgrade it: run "
            "`complaintkit migrate` (or any command that writes) first"
        )
    return version


@contextmanager
def refusing_writes(options: PostgresURL, *, opened_to_read: bool) -> Iterator[None]:
    """The server's refusal of a write, said as what it is: a store opened only to read, or
    a server whose sessions for this user are read-only (``default_transaction_read_only``
    set for the role or database by a DBA, or a standby), which the driver's message alone
    did not name, reaching the user as a backend's bug."""
    try:
        yield
    except psycopg.errors.ReadOnlySqlTransaction as exc:
        where = f"PostgreSQL schema {options.schema!r} at {options.display}"
        if opened_to_read:
            raise StorageError(f"{where} was opened only to read; nothing is written") from exc
        raise StorageError(
            f"{where} refuses writes: the server runs this user's sessions read-only "
            "(default_transaction_read_only set for the role or the database, or a standby "
            "server); nothing was written: give --db a server and user that may write"
        ) from exc
