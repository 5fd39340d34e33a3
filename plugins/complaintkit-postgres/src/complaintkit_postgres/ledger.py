"""The audit ledger in PostgreSQL: its appends and the audit's raw read.

Entries chain, so appends take turns: ``LOCK TABLE ledger IN EXCLUSIVE MODE`` (readers
still read) from the append to the commit. Writers append as the last step of their
transaction, and a claim block appends once at its end, so the lock is held briefly.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any

from psycopg import Connection
from psycopg.rows import TupleRow

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
from complaintkit.audit.records import CaseRow, EventRow, LedgerRow, Snapshot, group
from complaintkit.model.events import CaseEvent
from complaintkit_postgres import report_audit
from complaintkit_postgres.instants import either, readable

LEDGER = """
    CREATE TABLE ledger (
        id bigint PRIMARY KEY,
        hash text NOT NULL,
        body text NOT NULL
    );
"""


#: Cases and events in the audit's order; an instant no Python instant can hold comes as its
#: text (``instants``), for the audit to report.
CASE_ROWS = f"""
    SELECT id, version, status, is_open, customer_id, owner, category, {readable("opened_at")},
        {readable("next_deadline")}, body
    FROM cases ORDER BY id COLLATE "C"
"""  # noqa: S608 -- fixed texts
EVENT_ROWS = f"""
    SELECT case_id, seq, kind, {readable("at")}, body
    FROM events ORDER BY case_id COLLATE "C", seq
"""  # noqa: S608 -- fixed texts
#: The same of one case (``%(case)s``).
ONE_CASE_ROWS = CASE_ROWS.replace("FROM cases ORDER BY", "FROM cases WHERE id = %(case)s ORDER BY")
ONE_CASE_EVENTS = EVENT_ROWS.replace(
    "FROM events ORDER BY", "FROM events WHERE case_id = %(case)s ORDER BY"
)


_LAST = "SELECT id, hash FROM ledger ORDER BY id DESC LIMIT 1"

#: Whether more events, or case rows, are stored than a write holds: counted no further
#: than one past the write's own, and only when the ledger is empty.
_STORED_BEYOND = """
    SELECT (SELECT count(*) FROM (SELECT 1 FROM events LIMIT %(events)s + 1) e) > %(events)s
        OR (SELECT count(*) FROM (SELECT 1 FROM cases LIMIT %(cases)s + 1) c) > %(cases)s
"""


def append(conn: Connection[TupleRow], heads: tuple[Head, ...], key: AuditKey | None) -> None:
    """Commit ``heads`` as the next ledger entry, in the caller's transaction.

    Plain statements, not a pipeline: psycopg's pipeline costs more CPU than the two round
    trips it saves here.
    """
    if heads:
        _insert(conn, next_entry(_last(conn), heads, key))


def commit_events(
    conn: Connection[TupleRow], events: Sequence[CaseEvent], key: AuditKey | None
) -> None:
    """Commit the heads ``events`` (this transaction's, stored) reach; on a ledger found
    emptied while other history is stored, as the restarted chain's first entry."""
    heads = heads_of(events)
    if not heads:
        return
    previous = _last(conn)
    if previous is None:
        beyond = {"events": len(events), "cases": len(heads)}
        (lost,) = conn.execute(_STORED_BEYOND, beyond).fetchone() or (False,)
        if lost:
            _insert(conn, restarted_entry(heads, key, written_at(events)))
            return
    _insert(conn, next_entry(previous, heads, key))


def _last(conn: Connection[TupleRow]) -> tuple[int, str] | None:
    """The newest entry's id and hash, the table locked until the commit: appends chain."""
    conn.execute("LOCK TABLE ledger IN EXCLUSIVE MODE")
    row = conn.execute(_LAST).fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def _insert(conn: Connection[TupleRow], entry: LedgerEntry) -> None:
    conn.execute(
        "INSERT INTO ledger (id, hash, body) VALUES (%s, %s, %s)",
        (entry.id, entry.hash, entry.stored_text()),
    )


def adopt(conn: Connection[TupleRow]) -> None:
    """Start the ledger of a schema that predates it from the heads found in it: unsealed,
    whatever the key, since it vouches for nothing (the audit shows it as trusted as found,
    and ``--sealed-from-start`` refuses it)."""
    rows = conn.execute(
        "SELECT DISTINCT ON (case_id) case_id, seq, body FROM events ORDER BY case_id, seq DESC"
    ).fetchall()
    append(conn, adopted_heads((str(c), int(s), b) for c, s, b in rows), None)


@contextmanager
def snapshot(conn: Connection[TupleRow], case_id: str | None = None) -> Iterator[Snapshot]:
    """The ledger and every case (or only ``case_id``, for a look at one case without
    reading the store), read in one repeatable-read transaction."""
    with conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        with (
            conn.cursor(name="audit_ledger") as ledger,
            conn.cursor(name="audit_cases") as cases,
            conn.cursor(name="audit_events") as events,
        ):
            # server-side cursors: the ledger (an entry per write transaction), the cases
            # and the events arrive a batch at a time, never all at once
            ledger.execute("SELECT id, hash, body FROM ledger ORDER BY id")
            one = {"case": case_id}
            cases.execute(CASE_ROWS if case_id is None else ONE_CASE_ROWS, one)
            events.execute(EVENT_ROWS if case_id is None else ONE_CASE_EVENTS, one)
            yield Snapshot(
                (LedgerRow(int(id_), str(hash_), str(body)) for id_, hash_, body in ledger),
                group(
                    map(_case_row, cases),
                    (
                        EventRow(case_id, seq, kind, either(at, text), body)
                        for case_id, seq, kind, at, text, body in events
                    ),
                ),
                report_audit.ReportCheck(conn, case_id),
                partial(report_audit.orphan_rows, conn),
            )


def _case_row(row: tuple[Any, ...]) -> CaseRow:
    """A ``CASE_ROWS`` row, each instant sent as two columns (``instants.readable``)."""
    id_, version, status, is_open, customer, owner, category, *rest = row
    opened, opened_text, due, due_text, body = rest
    return CaseRow(
        id_,
        version,
        status,
        is_open,
        customer,
        owner,
        category,
        either(opened, opened_text),
        either(due, due_text),
        body,
    )
