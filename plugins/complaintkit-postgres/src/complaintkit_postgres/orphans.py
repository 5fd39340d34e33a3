"""``FindsOrphanedEvents`` and ``KeepsLedger`` in the PostgreSQL schema: reads of the
events' primary key, and of the ledger's."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from psycopg import Connection
from psycopg.rows import TupleRow

from complaintkit.audit.ledger_lost import LEDGER_AND_EVENTS, TABLE_GONE, emptied
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
        end the caller's transaction), or emptied while events are stored."""
        with self.connection() as conn:
            (there,) = conn.execute("SELECT to_regclass('ledger') IS NOT NULL").fetchone() or (
                False,
            )
            if not there:
                return TABLE_GONE
            ledger, events, cases = conn.execute(LEDGER_AND_EVENTS).fetchone() or (1, 0, 0)
        return None if ledger or not (events or cases) else emptied(cases)
