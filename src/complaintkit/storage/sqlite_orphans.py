"""``FindsOrphanedEvents`` and ``KeepsLedger`` on the SQLite file: reads of the events'
primary key, and of the ledger's."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager

from complaintkit.audit.ledger_lost import LEDGER_AND_EVENTS, TABLE_GONE, emptied
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
        """``KeepsLedger``: a ledger table dropped, or emptied while events are stored."""
        with self._reading():
            try:
                ledger, events, cases = self._db.execute(LEDGER_AND_EVENTS).fetchone()
            except sqlite3.OperationalError as exc:
                if "no such table: ledger" not in str(exc):
                    raise
                return TABLE_GONE
        return None if ledger or not (events or cases) else emptied(cases)
