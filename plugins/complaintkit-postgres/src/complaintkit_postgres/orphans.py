"""``FindsOrphanedEvents`` in the PostgreSQL schema: one read of the events' primary key."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from psycopg import Connection
from psycopg.rows import TupleRow

from complaintkit.storage.base import Storage
from complaintkit.storage.orphaned_events import EVENTLESS_CASE_IDS, ORPHANED_CASE_IDS


class PostgresOrphans(Storage):
    """``orphaned_case_ids`` and ``eventless_case_ids`` for ``PostgresStorage``."""

    connection: Callable[[], AbstractContextManager[Connection[TupleRow]]]

    def orphaned_case_ids(self) -> list[str]:
        with self.connection() as conn:
            rows = conn.execute(ORPHANED_CASE_IDS).fetchall()
        return sorted(str(case_id) for (case_id,) in rows)

    def eventless_case_ids(self) -> list[str]:
        with self.connection() as conn:
            rows = conn.execute(EVENTLESS_CASE_IDS).fetchall()
        return sorted(str(case_id) for (case_id,) in rows)
