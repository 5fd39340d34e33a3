"""``FindsOrphanedEvents`` and ``KeepsLedger`` in the PostgreSQL schema: reads of the
events' primary key, and of the ledger's."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from psycopg import Connection
from psycopg.rows import TupleRow

from complaintkit.audit.ledger_lost import (
    EVENTS_AND_CASES,
    FIRST_ENTRY,
    TABLE_GONE,
    emptied,
    starts_late,
)
from complaintkit.storage.base import Storage
from complaintkit.storage.orphaned_events import EVENTLESS_CASE_IDS, ORPHANED_CASE_IDS


class PostgresOrphans(Storage):
    """``orphaned_case_ids``, ``eventless_case_ids`` and ``ledger_lost`` for ``PostgresStorage``."""

    connection: Callable[[], AbstractContextManager[Connection[TupleRow]]]

    def orphaned_case_ids(self) -> list[str]:
        with self.connection() as conn:
            rows = conn.execute(ORPHANED_CASE_IDS).fetchall()
        return sorted(str(case_id) for (case_id,) in rows)

    def eventless_case_ids(self) -> list[str]:
        with self.connection() as conn:
            rows = conn.execute(EVENTLESS_CASE_IDS).fetchall()
        return sorted(str(case_id) for (case_id,) in rows)

    def ledger_lost(self) -> str | None:
        """``KeepsLedger``: a ledger table dropped (asked first: a failed statement would
        end the caller's transaction), emptied while events are stored, or starting past
        entry 1 (restarted after an emptying, or cut)."""
        with self.connection() as conn:
            (there,) = conn.execute("SELECT to_regclass('ledger') IS NOT NULL").fetchone() or (
                False,
            )
            if not there:
                return TABLE_GONE
            (first,) = conn.execute(FIRST_ENTRY).fetchone() or (None,)
            if first is None:
                events, cases = conn.execute(EVENTS_AND_CASES).fetchone() or (False, 0)
                return emptied(cases) if events or cases else None
            if first <= 1:
                return None  # an id edited out of line is ``audit verify``'s to name
            row = conn.execute("SELECT body FROM ledger WHERE id = %s", (first,)).fetchone()
        return starts_late(int(first), None if row is None else str(row[0]))
