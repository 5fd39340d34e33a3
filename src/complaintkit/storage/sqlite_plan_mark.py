"""The SQLite store's ``PlanMark`` (``storage.plan_mark``): one row of table ``plan_mark``,
read and advanced inside the write transaction SQLite takes for ``hold_plan_mark``, which
already excludes every other writer, the sweeps of other processes included."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from complaintkit.model.case import Case
from complaintkit.storage.base import Storage
from complaintkit.storage.claimed import claimed_cases
from complaintkit.storage.json_text import stored_body, stored_text, text_as_bytes
from complaintkit.storage.plan_mark import PlanMark, stored_mark

#: The schema migration that adds the table, with its one row (no version recorded yet).
PLAN_MARK = """
CREATE TABLE IF NOT EXISTS plan_mark (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version TEXT,
    target TEXT,
    resume_after TEXT,
    superseded TEXT
);
INSERT OR IGNORE INTO plan_mark (id) VALUES (1);
"""

#: The schema migration that keeps ``Case.planned_by`` beside each case, indexed for the
#: open cases so that a tick finds those a superseded version saved without reading the
#: others. A case saved before it has none: the record says who planned it.
PLANNED_BY = """
ALTER TABLE cases ADD COLUMN planned_by TEXT;
CREATE INDEX IF NOT EXISTS cases_planned_by ON cases (planned_by, id)
    WHERE is_open = 1 AND planned_by IS NOT NULL;
"""


class SQLitePlanMark(Storage):
    """``hold_plan_mark``, ``set_plan_mark``, ``open_case_versions`` and ``open_cases_after``
    on the SQLite file."""

    _db: sqlite3.Connection
    _transaction: Callable[..., AbstractContextManager[sqlite3.Connection]]
    _reading: Callable[[], AbstractContextManager[None]]

    @contextmanager
    def hold_plan_mark(self) -> Iterator[PlanMark | None]:
        with self._transaction() as db:
            row = db.execute(
                "SELECT version, target, resume_after, superseded FROM plan_mark"
            ).fetchone()
            yield None if row is None or row[0] is None else stored_mark(*row)

    def set_plan_mark(self, mark: PlanMark) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE plan_mark SET version = ?, target = ?, resume_after = ?, superseded = ?",
                (mark.version, mark.target, mark.after, json.dumps(mark.superseded)),
            )

    def open_case_versions(self) -> set[str]:
        """A row that does not read as JSON text is left out, as a re-plan passes it over."""
        with self._reading():
            rows = self._db.execute(
                "SELECT DISTINCT json_extract(body, '$.policy_version') FROM cases "
                "WHERE is_open = 1 AND typeof(body) = 'text' AND json_valid(body)"
            ).fetchall()
        return {str(version) if version is not None else "" for (version,) in rows}

    def open_cases_planned_by(
        self, versions: Collection[str], after: str | None, limit: int
    ) -> list[Case]:
        """A row that no longer reads as a case is passed over (``storage.claimed``)."""
        wanted = json.dumps(sorted(versions))

        def fetch(count: int, offset: int) -> list[tuple[Any, Any]]:
            with self._reading(), text_as_bytes(self._db):
                rows = self._db.execute(
                    "SELECT id, body, typeof(body) = 'blob' FROM cases WHERE is_open = 1 "
                    "AND planned_by IN (SELECT value FROM json_each(?)) AND id > ? "
                    "ORDER BY id LIMIT ? OFFSET ?",
                    (wanted, after or "", count, offset),
                ).fetchall()
            return [(stored_text(key), stored_body(body, blob)) for key, body, blob in rows]

        return claimed_cases(fetch, limit)

    def set_planned_by(self, case_ids: Collection[str], version: str) -> None:
        with self._transaction() as db:
            db.executemany(
                "UPDATE cases SET planned_by = ?1 WHERE id = ?2 AND planned_by IS NOT ?1",
                [(version, case_id) for case_id in case_ids],
            )

    def open_cases_after(self, after: str | None, limit: int) -> list[Case]:
        """A row that no longer reads as a case is passed over (``storage.claimed``)."""

        def fetch(count: int, offset: int) -> list[tuple[Any, Any]]:
            with self._reading(), text_as_bytes(self._db):
                rows = self._db.execute(
                    "SELECT id, body, typeof(body) = 'blob' FROM cases WHERE is_open = 1 "
                    "AND id > ? ORDER BY id LIMIT ? OFFSET ?",
                    (after or "", count, offset),
                ).fetchall()
            return [(stored_text(key), stored_body(body, blob)) for key, body, blob in rows]

        return claimed_cases(fetch, limit)
