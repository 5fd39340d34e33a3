"""The schema's migration lock, and the refusal of a store a newer plugin migrated while this
process had it open (an upgrade run beside a ``serve`` or ``tick --loop`` not yet stopped).

A migration that upgrades the schema holds the lock alone for its transaction (opening a
schema already current takes none, so a process starting never waits for the writes in
flight); every write transaction takes it shared as its first step and reads the schema
version under it. A migration in progress is so waited for and its version read once it has
committed, and a process the upgrade left running refuses to write into a schema it would
misread, as a SQLite store does (``PRAGMA user_version`` at every write). Writers share the lock, so they never wait for one another;
its key names the schema, so they do not wait for another schema's migration.
"""

from __future__ import annotations

from psycopg import Connection
from psycopg.rows import TupleRow

from complaintkit.errors import StorageError
from complaintkit_postgres.url import PostgresURL

#: The first key of the schema's migration lock; the second is the hash of its name.
_SCHEMA_LOCK = 0x636B7376  # "cksv"


def take_migration_lock(conn: Connection[TupleRow], schema: str) -> None:
    """Hold ``schema``'s migration lock alone until ``conn``'s transaction ends."""
    conn.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (_SCHEMA_LOCK, schema))


def refuse_a_newer_schema(conn: Connection[TupleRow], options: PostgresURL, known: int) -> None:
    """Raise if the schema is past version ``known``; in ``conn``'s transaction, the lock
    taken shared stays held until it ends, so no migration commits under its writes. One
    round trip."""
    with conn.pipeline():
        conn.execute(
            "SELECT pg_advisory_xact_lock_shared(%s, hashtext(%s))",
            (_SCHEMA_LOCK, options.schema),
        )
        found = conn.execute("SELECT version FROM schema_version")
    row = found.fetchone()
    version = 0 if row is None else int(str(row[0]))
    if version > known:
        raise StorageError(
            f"PostgreSQL schema {options.schema!r} at {options.display} was migrated to schema "
            f"version {version}, newer than this complaintkit-postgres understands ({known}), "
            "while this process had it open; nothing was written: stop this process, and run "
            "the complaintkit that migrated it"
        )
