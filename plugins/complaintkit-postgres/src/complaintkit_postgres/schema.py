"""The database schema and its versioned migrations.

``schema_version`` holds one row: how many entries of ``MIGRATIONS`` a schema has had. Every
process that opens the storage calls ``migrate``; an advisory lock makes concurrent starters
(four workers launched at once) take turns, so each migration runs exactly once.
"""

from __future__ import annotations

from typing import LiteralString

from psycopg import Connection, sql
from psycopg.rows import TupleRow

from complaintkit.errors import StorageError

#: Each entry upgrades the schema by one version. Never edit a released entry; append one.
MIGRATIONS: tuple[LiteralString, ...] = (
    """
    CREATE TABLE cases (
        id text PRIMARY KEY,
        version integer NOT NULL,
        status text NOT NULL,
        is_open boolean NOT NULL,
        customer_id text NOT NULL,
        owner text,
        category text,
        opened_at timestamptz NOT NULL,
        next_deadline timestamptz,
        body jsonb NOT NULL
    );
    -- the sweep reads only due cases: O(due), not O(open)
    CREATE INDEX cases_due ON cases (next_deadline, id) WHERE next_deadline IS NOT NULL;
    CREATE INDEX cases_customer ON cases (customer_id, opened_at);
    CREATE INDEX cases_status ON cases (status, opened_at);
    CREATE INDEX cases_owner ON cases (owner, opened_at);
    CREATE INDEX cases_category ON cases (category, opened_at);
    -- deferred: intake claims the key first, then inserts the case it points to
    CREATE TABLE intake_keys (
        channel text NOT NULL,
        external_id text NOT NULL,
        case_id text NOT NULL REFERENCES cases (id) DEFERRABLE INITIALLY DEFERRED,
        PRIMARY KEY (channel, external_id)
    );
    CREATE INDEX intake_keys_case ON intake_keys (case_id);
    CREATE TABLE events (
        case_id text NOT NULL REFERENCES cases (id),
        seq integer NOT NULL,
        kind text NOT NULL,
        at timestamptz NOT NULL,
        body jsonb NOT NULL,
        PRIMARY KEY (case_id, seq)
    );
    CREATE INDEX events_kind ON events (kind, at);
    """,
    """
    CREATE TABLE dead_letters (
        id bigserial PRIMARY KEY,
        source text NOT NULL,
        raw bytea NOT NULL,
        reason text NOT NULL,
        at timestamptz NOT NULL
    );
    -- the customer's status page looks a case up by its token
    CREATE INDEX cases_status_token ON cases ((body ->> 'status_token'));
    """,
    # the outbox; and each event's position and writing transaction, for ``events_since``
    """
    CREATE TABLE outbox (
        position bigserial PRIMARY KEY,
        delivery_id text NOT NULL UNIQUE,
        via text NOT NULL,
        kind text NOT NULL,
        case_id text NOT NULL,
        payload text NOT NULL,
        created_at timestamptz NOT NULL,
        state text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        last_error text NOT NULL DEFAULT ''
    );
    CREATE INDEX outbox_due ON outbox (next_attempt_at, position) WHERE state = 'pending';
    ALTER TABLE events ADD COLUMN position bigserial,
        ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
    CREATE INDEX events_feed ON events (tx, position);
    """,
)

#: Any constant both sides agree on; it serialises migrations across processes.
_MIGRATION_LOCK = 0x636B7067  # "ckpg"


def migrate(conn: Connection[TupleRow], schema: str) -> int:
    """Bring ``schema`` (created if missing) up to date; return its version."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
        conn.execute(sql.SQL("SET LOCAL search_path TO {}").format(sql.Identifier(schema)))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)")
        row = conn.execute("SELECT version FROM schema_version").fetchone()
        if row is None:
            conn.execute("INSERT INTO schema_version (version) VALUES (0)")
            current = 0
        else:
            current = int(str(row[0]))
        if current > len(MIGRATIONS):
            raise StorageError(
                f"PostgreSQL schema {schema!r} has version {current}, newer than this "
                f"complaintkit-postgres understands ({len(MIGRATIONS)}); upgrade the plugin"
            )
        for script in MIGRATIONS[current:]:
            conn.execute(script)
        conn.execute("UPDATE schema_version SET version = %s", (len(MIGRATIONS),))
        return len(MIGRATIONS)
