"""``FindsOrphanedEvents`` on the SQLite file: one read of the events' primary key."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager

from complaintkit.storage.base import Storage
from complaintkit.storage.orphaned_events import EVENTLESS_CASE_IDS, ORPHANED_CASE_IDS


class SQLiteOrphans(Storage):
    """``orphaned_case_ids`` and ``eventless_case_ids`` for ``SQLiteStorage``."""

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
