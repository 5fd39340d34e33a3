"""Case rows filed under another customer or opening than their sealed events say.

A customer's history facts (``open_cases``, recent complaints, per-customer caps) select
case rows by their ``customer_id`` and ``opened_at`` columns. One of those edited by hand
moves the case out of its customer's history, or into a stranger's: the edited case is
named by the replay, but every other case of those customers would replay as changed
while nothing about them had. A replay reads, once, each row whose columns disagree with
the case's first sealed event, and counts that case where its events file it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import attrs

from complaintkit.audit.stored import UNREADABLE, damaged, problem_of, read_event
from complaintkit.model.case import Case
from complaintkit.model.history import open_case, replay
from complaintkit.replay.histories import read_only
from complaintkit.storage.base import CaseQuery, Storage
from complaintkit.storage.sqlite import SQLiteStorage

#: The opened_at column goes through float seconds in SQLite; closer is the same instant.
_SLACK = 0.001


@attrs.frozen
class Filing:
    """Where a case row's columns file it, and where its sealed opening does."""

    column_customer: object
    column_opened: object
    customer_id: str
    opened_at: datetime

    def filed_by_columns(self, query: CaseQuery) -> bool:
        """Whether a query on the columns finds the row."""
        opened = self.column_opened
        return (
            self.column_customer == query.customer_id
            and isinstance(opened, datetime)
            and _within(opened, query)
        )

    def filed_by_events(self, query: CaseQuery) -> bool:
        """Whether the case, as its events say, is one the query asks for."""
        return self.customer_id == query.customer_id and _within(self.opened_at, query)


def _within(opened: datetime, query: CaseQuery) -> bool:
    return (query.opened_since is None or opened >= query.opened_since) and (
        query.opened_before is None or opened < query.opened_before
    )


#: Case id to where its row and its events file it, for the rows that disagree.
Misfiled = Mapping[str, Filing]

#: The rows whose columns may disagree with their opening, for ``_disagreeing`` to check
#: exactly: the others' openings are not parsed (a replay reads each event once).
#: ``julianday`` reads milliseconds, hence the wider slack; an unreadable body is named
#: where its case is replayed.
_SQLITE_OPENINGS = """
    SELECT c.id, c.customer_id, c.opened_at, e.body FROM cases c
    JOIN events e ON e.case_id = c.id AND e.seq = 1
    WHERE typeof(e.body) = 'text' AND json_valid(e.body) AND (
        c.customer_id IS NOT json_extract(e.body, '$.data.complaint.customer.id')
        OR typeof(c.opened_at) NOT IN ('real', 'integer')
        OR NOT abs(c.opened_at - (julianday(json_extract(e.body, '$.at')) - 2440587.5) * 86400)
            < 0.01
    )
"""


def misfiled(storage: Storage) -> dict[str, Filing]:
    """The store's case rows whose ``customer_id`` or ``opened_at`` column differs from
    their sealed opening (SQL picks them out; only theirs are parsed); none on a backend
    that cannot list them (one keeping no such columns)."""
    if isinstance(storage, SQLiteStorage):
        with read_only(storage) as db:
            return _disagreeing(
                (case_id, customer, _sqlite_instant(opened), body)
                for case_id, customer, opened, body in db.execute(_SQLITE_OPENINGS)
            )
    openings = getattr(storage, "case_openings", None)
    if callable(openings):  # (id, customer_id column, opened_at column, first event body)
        return _disagreeing(openings())
    return {}


def _sqlite_instant(column: object) -> object:
    if isinstance(column, int | float) and math.isfinite(column):
        try:
            return datetime.fromtimestamp(column, UTC)
        except (OverflowError, OSError, ValueError):
            return column
    return column


def _disagreeing(rows: Iterable[tuple[Any, Any, Any, Any]]) -> dict[str, Filing]:
    found = {}
    for case_id, customer, opened, body in rows:
        if not isinstance(case_id, str) or isinstance(body, bytes):
            continue  # named by the replay as a damaged record of its own
        try:
            case = open_case(read_event(body, case_id, 1))
        except UNREADABLE:
            continue  # an unreadable opening is named where the case is replayed
        same_time = (
            isinstance(opened, datetime)
            and opened.utcoffset() is not None
            and abs((opened - case.opened_at).total_seconds()) < _SLACK
        )
        if customer != case.customer_id or not same_time:
            found[case_id] = Filing(customer, opened, case.customer_id, case.opened_at)
    return found


class Filings:
    """The store's misfiled rows (``misfiled``), read when a customer's history is first
    asked for: a policy that never asks costs no read."""

    def __init__(self, storage: Storage, read: Callable[[Storage], Misfiled] = misfiled) -> None:
        self._storage, self._read = storage, read
        self._found: Misfiled | None = None

    def _misfiled(self) -> Misfiled:
        if self._found is None:
            self._found = self._read(self._storage)
        return self._found

    def count(self, query: CaseQuery) -> int:
        """How many cases match ``query`` as their events file them."""
        counted = self._storage.count(query)
        found = self._misfiled().values()
        return (
            counted
            - sum(f.filed_by_columns(query) for f in found)
            + sum(f.filed_by_events(query) for f in found)
        )

    def refiled(self, cases: list[Case], query: CaseQuery, asking: str) -> list[Case]:
        """``cases``, found for ``query`` by their columns, as their events file them: a
        misfiled one left out, one filed elsewhere by its columns read from its events."""
        found = self._misfiled()
        kept = [c for c in cases if c.id not in found or found[c.id].filed_by_events(query)]
        known = {c.id for c in kept}
        added = [
            self._folded(case_id, query, asking)
            for case_id, filing in found.items()
            if case_id not in known and filing.filed_by_events(query)
        ]
        return sorted([*kept, *added], key=lambda case: (case.opened_at, case.id))

    def _folded(self, case_id: str, query: CaseQuery, asking: str) -> Case:
        try:
            return replay(self._storage.events(case_id))
        except UNREADABLE as exc:
            raise damaged(
                asking,
                f"it reads customer {query.customer_id!r}'s case {case_id}, whose row is "
                f"filed under another customer or opening and whose events cannot be read "
                f"({problem_of(exc)})",
            ) from None
