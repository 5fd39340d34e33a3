"""``FindsOrphanedEvents`` and ``KeepsLedger`` on the SQLite file: reads of the events'
primary key, and of the ledger's."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager

from complaintkit.audit.ledger_lost import (
    EVENTS_AND_CASES,
    FIRST_ENTRY,
    TABLE_GONE,
    emptied,
    starts_late,
)
from complaintkit.storage.base import Storage
from complaintkit.storage.orphaned_events import EVENTLESS_CASE_IDS, ORPHANED_CASE_IDS


class SQLiteOrphans(Storage):
    """``orphaned_case_ids``, ``eventless_case_ids`` and ``ledger_lost`` for ``SQLiteStorage``."""

    _db: sqlite3.Connection
    _reading: Callable[[], AbstractContextManager[None]]

    def orphaned_case_ids(self) -> list[str]:
        """A case id column edited to a number or a blob is named as it reads."""
        with self._reading():
            rows = self._db.execute(ORPHANED_CASE_IDS).fetchall()
        return sorted(str(case_id) for (case_id,) in rows)

    def eventless_case_ids(self) -> list[str]:
        with self._reading():
            rows = self._db.execute(EVENTLESS_CASE_IDS).fetchall()
        return sorted(str(case_id) for (case_id,) in rows)

    def ledger_lost(self) -> str | None:
        """``KeepsLedger``: a ledger table dropped, emptied while events are stored, or
        starting past entry 1 (restarted after an emptying, or cut)."""
        with self._reading():
            try:
                (first,) = self._db.execute(FIRST_ENTRY).fetchone()
            except sqlite3.OperationalError as exc:
                if "no such table: ledger" not in str(exc):
                    raise
                return TABLE_GONE
            if first is None:
                events, cases = self._db.execute(EVENTS_AND_CASES).fetchone()
                return emptied(cases) if events or cases else None
            if not isinstance(first, int) or first <= 1:
                return None  # an id edited out of line is ``audit verify``'s to name
            row = self._db.execute("SELECT body FROM ledger WHERE id = ?", (first,)).fetchone()
        return starts_late(first, row[0] if row and isinstance(row[0], str) else None)
