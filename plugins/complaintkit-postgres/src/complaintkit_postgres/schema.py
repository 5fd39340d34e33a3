"""The database schema and its versioned migrations.

``schema_version`` holds one row: how many entries of ``MIGRATIONS`` a schema has had. Every
process that opens the storage calls ``migrate``; an advisory lock makes concurrent starters
(four workers launched at once) take turns, so each migration runs exactly once.
"""

from __future__ import annotations

from typing import LiteralString

from psycopg import Connection, sql
from psycopg.rows import TupleRow

from complaintkit.audit.keys import AuditKey
from complaintkit.errors import StorageError
from complaintkit_postgres import ledger

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
    ledger.LEDGER,
)

#: The schema version that created the ledger; schemas migrated past it adopt their heads.
_LEDGER_VERSION = MIGRATIONS.index(ledger.LEDGER) + 1

#: Any constant both sides agree on; it serialises migrations across processes.
_MIGRATION_LOCK = 0x636B7067  # "ckpg"


def migrate(conn: Connection[TupleRow], schema: str, key: AuditKey | None = None) -> int:
    """Bring ``schema`` (created if missing) up to date; return its version.

    A schema that had cases before the ledger existed starts its ledger with their heads,
    sealed with ``key``.
    """
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
        for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
            conn.execute(script)
            if version == _LEDGER_VERSION:
                ledger.adopt(conn, key)
        conn.execute("UPDATE schema_version SET version = %s", (len(MIGRATIONS),))
        return len(MIGRATIONS)
