"""The SQLite schema and its versioned migrations.

``PRAGMA user_version`` records how many entries of ``MIGRATIONS`` a file has had; opening a
store runs the ones it has not, in one write transaction.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from complaintkit.errors import StorageError
from complaintkit.storage import sqlite_ledger
from complaintkit.storage.sqlite_facts import (
    DROP_INSERT_TRIGGERS,
    DROP_UPDATE_TRIGGERS,
    GUARDED_UPDATES,
    RECEIVED_AT,
    REFRESH_TRIGGERS,
    REPORT_FACTS,
    SLA_CANCELLED,
    SLA_CYCLES,
    SLA_DUE,
)
from complaintkit.storage.sqlite_migration import adds_a_column_it_has, statements
from complaintkit.storage.sqlite_ownership import refuse_what_is_not_ours
from complaintkit.storage.sqlite_plan_mark import PLAN_MARK, PLANNED_BY
from complaintkit.storage.sqlite_step_answers import STEP_ANSWERS

#: Each entry upgrades the schema by one version; ``PRAGMA user_version`` records where a file is.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        status TEXT NOT NULL,
        is_open INTEGER NOT NULL,
        customer_id TEXT NOT NULL,
        owner TEXT,
        category TEXT,
        opened_at REAL NOT NULL,
        next_deadline REAL,
        body TEXT NOT NULL
    );
    CREATE INDEX cases_due ON cases (next_deadline) WHERE next_deadline IS NOT NULL;
    CREATE INDEX cases_customer ON cases (customer_id, opened_at);
    CREATE INDEX cases_status ON cases (status, opened_at);
    CREATE INDEX cases_owner ON cases (owner, opened_at);
    CREATE TABLE intake_keys (
        channel TEXT NOT NULL,
        external_id TEXT NOT NULL,
        case_id TEXT NOT NULL REFERENCES cases (id),
        PRIMARY KEY (channel, external_id)
    ) WITHOUT ROWID;
    CREATE TABLE events (
        case_id TEXT NOT NULL REFERENCES cases (id),
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        at TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (case_id, seq)
    ) WITHOUT ROWID;
    """,
    """
    CREATE TABLE dead_letters (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source TEXT NOT NULL,
        raw BLOB NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE TABLE status_tokens (
        token TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id)
    ) WITHOUT ROWID;
    INSERT INTO status_tokens (token, case_id)
        SELECT json_extract(body, '$.status_token'), id FROM cases;
    """,
    REPORT_FACTS,
    REFRESH_TRIGGERS,  # remedies are read from each compensation decision
    sqlite_ledger.LEDGER,
    # the outbox, and a commit-ordered log of events for ``events_since`` (idempotent, so a
    # store rewound to an earlier version migrates again cleanly)
    """
    CREATE TABLE IF NOT EXISTS outbox (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        delivery_id TEXT NOT NULL UNIQUE,
        via TEXT NOT NULL,
        kind TEXT NOT NULL,
        case_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL,
        last_error TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_attempt_at, position) WHERE state = 'pending';
    CREATE TABLE IF NOT EXISTS event_log (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id TEXT NOT NULL,
        seq INTEGER NOT NULL
    );
    INSERT INTO event_log (case_id, seq) SELECT case_id, seq FROM events
        WHERE NOT EXISTS (SELECT 1 FROM event_log) ORDER BY at, case_id, seq;
    CREATE TRIGGER IF NOT EXISTS events_logged AFTER INSERT ON events BEGIN
        INSERT INTO event_log (case_id, seq) VALUES (new.case_id, new.seq);
    END;
    """,
    GUARDED_UPDATES,  # report rows rewritten only when an update changes them
    # a trigger program per inserted row cost intake more than the rows themselves
    DROP_INSERT_TRIGGERS,
    DROP_UPDATE_TRIGGERS,  # storage writes the report rows from the cases it saves
    # a dead letter is kept once: finding the same one already kept is an index look-up
    "CREATE INDEX IF NOT EXISTS dead_letters_found ON dead_letters (source, reason)",
    RECEIVED_AT,  # reports count and time cases from their complaint's receipt
    SLA_DUE,  # a deadline passed is missed as of a report, ticked or not
    SLA_CANCELLED,  # a withdrawn case's clocks are cancelled, not running
    SLA_CYCLES,  # a breach before a reopening stays a breach
    # a letter refused by retry after retry says how often, and when last
    """
    ALTER TABLE dead_letters ADD COLUMN retries INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE dead_letters ADD COLUMN last_retry_at TEXT;
    """,
    PLAN_MARK,  # which policy version planned the stored deadlines (``desk.replan``)
    # the e-mail acknowledgement limit reads the messages queued in its period only
    "CREATE INDEX IF NOT EXISTS outbox_created ON outbox (created_at) WHERE kind = 'message'",
    STEP_ANSWERS,  # agents' steps answered under an Idempotency-Key, kept across restarts
    PLANNED_BY,  # the version that planned each case: a newer one re-plans an older's saves
)

#: The schema version that created the ledger; stores migrated past it adopt their heads.
_LEDGER_VERSION = MIGRATIONS.index(sqlite_ledger.LEDGER) + 1


def migrate(db: sqlite3.Connection, path: Path) -> None:
    """Bring the file ``db`` has open up to date, inside the caller's write transaction;
    a file newer than this complaintkit, or another application's, is refused, not written
    (asked again under the write lock: another process may have written it since it opened)."""
    refuse_what_is_not_ours(db, path, len(MIGRATIONS))
    (current,) = db.execute("PRAGMA user_version").fetchone()
    for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
        try:
            for statement in statements(script):
                if not adds_a_column_it_has(db, statement):
                    db.execute(statement)
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorcode", None) != sqlite3.SQLITE_ERROR:
                raise  # the file failing (busy, full): not its schema
            raise _not_at(path, current, version, exc) from exc
        if version == _LEDGER_VERSION:
            sqlite_ledger.adopt(db)
        db.execute(f"PRAGMA user_version = {version}")


def _not_at(path: Path, current: int, version: int, exc: sqlite3.Error) -> StorageError:
    """The error for an upgrade of ``path`` from ``current`` that failed at ``version``:
    the schema SQLite found is not the one ``current`` made (the header's version set
    back by hand, or tables altered), so no upgrade can be run on it."""
    return StorageError(
        f"{path} says schema version {current}, but upgrading it to version {version} "
        f"failed ({exc}): its tables are not those of version {current} (the version set "
        "back by hand, or its schema altered); nothing was written. Restore it from a backup"
    )
