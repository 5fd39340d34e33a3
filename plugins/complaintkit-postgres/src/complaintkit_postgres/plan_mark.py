"""The PostgreSQL store's ``PlanMark`` (``complaintkit.storage.plan_mark``): one row of table
``plan_mark``. ``hold_plan_mark`` locks that row for its transaction, so two ticks at once
re-plan in turn, the second going on from the record the first committed; the open cases a
batch re-plans are locked (waiting for a sweep that holds one: it is read as that sweep
saved it), and a sweep's claim passes over them (``SKIP LOCKED``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, LiteralString

from psycopg import Connection
from psycopg.rows import TupleRow

from complaintkit.model.case import Case
from complaintkit.storage.base import Storage
from complaintkit.storage.claimed import claimed_cases
from complaintkit.storage.plan_mark import PlanMark, stored_mark

#: The schema migration that adds the table, with its one row (no version recorded yet).
PLAN_MARK: LiteralString = """
    CREATE TABLE IF NOT EXISTS plan_mark (
        id integer PRIMARY KEY CHECK (id = 1),
        version text,
        target text,
        resume_after text,
        superseded text
    );
    INSERT INTO plan_mark (id) VALUES (1) ON CONFLICT DO NOTHING;
"""

#: The schema migration that keeps ``Case.planned_by`` beside each case, indexed for the
#: open cases so that a tick finds those a superseded version saved without reading the
#: others. A case saved before it has none: the record says who planned it.
PLANNED_BY: LiteralString = """
    ALTER TABLE cases ADD COLUMN IF NOT EXISTS planned_by text;
    CREATE INDEX IF NOT EXISTS cases_planned_by ON cases (planned_by, id COLLATE "C")
        WHERE is_open AND planned_by IS NOT NULL;
"""


class PostgresPlanMark(Storage):
    """``hold_plan_mark``, ``set_plan_mark``, ``open_case_versions`` and ``open_cases_after``
    in the schema."""

    connection: Callable[[], AbstractContextManager[Connection[TupleRow]]]

    @contextmanager
    def hold_plan_mark(self) -> Iterator[PlanMark | None]:
        with self.transaction(), self.connection() as conn:
            row = conn.execute(
                "SELECT version, target, resume_after, superseded FROM plan_mark WHERE id = 1 FOR UPDATE"
            ).fetchone()
            yield None if row is None or row[0] is None else stored_mark(*row)

    def set_plan_mark(self, mark: PlanMark) -> None:
        with self.transaction(), self.connection() as conn:
            conn.execute(
                "UPDATE plan_mark SET version = %s, target = %s, resume_after = %s, "
                "superseded = %s WHERE id = 1",
                (mark.version, mark.target, mark.after, json.dumps(mark.superseded)),
            )

    def open_case_versions(self) -> set[str]:
        with self.connection() as conn:
            rows = conn.execute(
                "SELECT DISTINCT body->>'policy_version' FROM cases WHERE is_open"
            ).fetchall()
        return {"" if version is None else str(version) for (version,) in rows}

    def open_cases_planned_by(
        self, versions: Collection[str], after: str | None, limit: int
    ) -> list[Case]:
        wanted = sorted(versions)

        def fetch(count: int, offset: int) -> list[tuple[str, Any]]:
            with self.connection() as conn:
                return conn.execute(
                    "SELECT id, body FROM cases WHERE is_open AND planned_by = ANY(%s) "
                    'AND id COLLATE "C" > %s ORDER BY id COLLATE "C" LIMIT %s OFFSET %s '
                    "FOR UPDATE",
                    (wanted, after or "", count, offset),
                ).fetchall()

        return claimed_cases(fetch, limit)

    def set_planned_by(self, case_ids: Collection[str], version: str) -> None:
        with self.transaction(), self.connection() as conn:
            conn.execute(
                "UPDATE cases SET planned_by = %s WHERE id = ANY(%s) "
                "AND planned_by IS DISTINCT FROM %s",
                (version, list(case_ids), version),
            )

    def open_cases_after(self, after: str | None, limit: int) -> list[Case]:
        """Ids compared byte-wise (``COLLATE "C"``), as SQLite and Python compare them."""

        def fetch(count: int, offset: int) -> list[tuple[str, Any]]:
            with self.connection() as conn:
                return conn.execute(
                    'SELECT id, body FROM cases WHERE is_open AND id COLLATE "C" > %s '
                    'ORDER BY id COLLATE "C" LIMIT %s OFFSET %s FOR UPDATE',
                    (after or "", count, offset),
                ).fetchall()

        return claimed_cases(fetch, limit)
