"""The audit ledger in SQLite: its table, its appends and the audit's raw read.

Appends run inside the write transaction that stores the events, which SQLite already
serialises (``BEGIN IMMEDIATE``), so chaining needs no further lock.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial

from complaintkit.audit.keys import AuditKey
from complaintkit.audit.ledger import (
    Head,
    LedgerEntry,
    adopted_heads,
    heads_of,
    next_entry,
    restarted_entry,
    written_at,
)
from complaintkit.audit.records import (
    CaseRow,
    EventRow,
    LedgerRow,
    Snapshot,
    group,
    unauditable,
    unreadable,
)
from complaintkit.model.events import CaseEvent
from complaintkit.storage.sqlite_feed_audit import feed_problems
from complaintkit.storage.sqlite_report_audit import orphan_rows, report_problems

#: SQLite's names for a file it cannot read as a database where it reads it.
_DAMAGED = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB"})

LEDGER = """
    CREATE TABLE ledger (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL,
        body TEXT NOT NULL
    );
"""


_LAST = "SELECT id, hash FROM ledger ORDER BY id DESC LIMIT 1"

#: Whether more events, or case rows, are stored than a write holds: counted no further
#: than one past the write's own, and only when the ledger is empty.
_STORED_BEYOND = (
    "SELECT (SELECT count(*) FROM (SELECT 1 FROM events LIMIT :events + 1)) > :events "
    "OR (SELECT count(*) FROM (SELECT 1 FROM cases LIMIT :cases + 1)) > :cases"
)


def append(db: sqlite3.Connection, heads: tuple[Head, ...], key: AuditKey | None) -> None:
    """Commit ``heads`` as the next ledger entry, in the caller's transaction."""
    if heads:
        _insert(db, next_entry(db.execute(_LAST).fetchone(), heads, key))


def commit_events(
    db: sqlite3.Connection, events: Sequence[CaseEvent], key: AuditKey | None
) -> None:
    """Commit the heads ``events`` (this transaction's, stored) reach; on a ledger found
    emptied while other history is stored, as the restarted chain's first entry."""
    heads = heads_of(events)
    if not heads:
        return
    previous = db.execute(_LAST).fetchone()
    if previous is None:
        beyond = {"events": len(events), "cases": len(heads)}
        (lost,) = db.execute(_STORED_BEYOND, beyond).fetchone()
        if lost:
            _insert(db, restarted_entry(heads, key, written_at(events)))
            return
    _insert(db, next_entry(previous, heads, key))


def _insert(db: sqlite3.Connection, entry: LedgerEntry) -> None:
    db.execute(
        "INSERT INTO ledger (id, hash, body) VALUES (?, ?, ?)",
        (entry.id, entry.hash, entry.stored_text()),
    )


def adopt(db: sqlite3.Connection) -> None:
    """Start the ledger of a store that predates it from the heads found in it: unsealed,
    whatever the key, since it vouches for nothing (the audit shows it as trusted as found,
    and ``--sealed-from-start`` refuses it)."""
    rows = db.execute(
        "SELECT e.case_id, e.seq, e.body FROM events e "
        "JOIN (SELECT case_id, max(seq) AS seq FROM events GROUP BY case_id) last "
        "ON last.case_id = e.case_id AND last.seq = e.seq"
    ).fetchall()
    append(db, adopted_heads(rows), None)


@contextmanager
def audit_read(db: sqlite3.Connection) -> Iterator[None]:
    """One read transaction for the audit; a store it cannot read is ``unauditable``."""
    db.execute("BEGIN")
    try:
        yield
    except sqlite3.Error as exc:
        if getattr(exc, "sqlite_errorname", "") in _DAMAGED:
            raise unreadable(exc) from exc
        raise unauditable(exc) from exc  # a table or column the audit reads was dropped
    finally:
        db.execute("ROLLBACK")


def _ledger_rows(db: sqlite3.Connection) -> Iterator[LedgerRow]:
    """The ledger one entry at a time (it grows by one per write transaction), read only
    once asked for: a look at one case's rows (``cases show``) reads no ledger, and works
    with the ledger table dropped, which it then names."""
    for row in db.execute("SELECT id, hash, body FROM ledger ORDER BY id"):
        yield LedgerRow(*row)


def _instant(value: object) -> object:
    """A column's timestamp as an instant; anything else (an edited row's text, a number
    no date has) as stored, for the audit to report."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return value
    try:
        return datetime.fromtimestamp(value, UTC)
    except (OverflowError, OSError, ValueError):
        return value


_CASES = (
    "SELECT id, version, status, is_open, customer_id, owner, category, opened_at, "
    "next_deadline, body FROM cases ORDER BY id"
)
_ONE_CASE = _CASES.replace("ORDER BY", "WHERE id = :case ORDER BY")
_EVENTS = "SELECT case_id, seq, kind, at, body FROM events ORDER BY case_id, seq"
_ONE_CASE_EVENTS = _EVENTS.replace("ORDER BY", "WHERE case_id = :case ORDER BY")


def snapshot(db: sqlite3.Connection, case_id: str | None = None) -> Snapshot:
    """The ledger and every case (or only ``case_id``, for a look at one case without
    reading the store), read in the caller's read transaction."""
    ledger = _ledger_rows(db)
    cases = (
        CaseRow(
            id_,
            version,
            status,
            is_open,
            customer,
            owner,
            category,
            _instant(opened),
            _instant(deadline),
            body,
        )
        for id_, version, status, is_open, customer, owner, category, opened, deadline, body in db.execute(
            _CASES if case_id is None else _ONE_CASE, {"case": case_id}
        )
    )
    events: Iterator[EventRow] = (
        EventRow(*row)
        for row in db.execute(_EVENTS if case_id is None else _ONE_CASE_EVENTS, {"case": case_id})
    )
    return Snapshot(
        ledger,
        group(cases, events),
        partial(report_problems, db),
        partial(orphan_rows, db),
        partial(feed_problems, db),
    )
