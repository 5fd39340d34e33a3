"""Customer-history facts answered from storage, looked up only when a rule asks."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import UTC, datetime, timedelta

import attrs

from complaintkit.desk.customer_cases import customer_cases
from complaintkit.errors import InvalidInput, NotFound
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.storage.base import CaseQuery, Storage
from complaintkit.storage.memory import matches


def open_at(case: Case, at: datetime, events: Callable[[Case], Iterable[CaseEvent]]) -> bool:
    """Whether ``case``, opened before ``at``, was open then: open still, or ended later.
    ``events`` gives its history, read only for a case rejected or withdrawn after ``at``."""
    if case.is_open:
        return True
    return case.updated_at > at and ended_at(case, events) > at  # no change after: ended


def ended_at(case: Case, events: Callable[[Case], Iterable[CaseEvent]]) -> datetime:
    """When the ended ``case`` ended: its ``closed_at``, or for a case rejected or withdrawn
    (which keeps no instant for it) its move there, found in ``events``."""
    if case.closed_at is not None:
        return case.closed_at
    moves = (
        e.at
        for e in events(case)
        if e.kind == "transitioned" and e.data.get("to") == case.status.value
    )
    return max(moves, default=case.updated_at)


def stored_events(storage: Storage) -> Callable[[Case], Iterable[CaseEvent]]:
    """A case's stored history, or none for a case not stored yet (opened earlier in the
    same batch: its last change is its final move) or whose stored row names no id (damaged
    outside complaintkit, as ``audit verify`` reports: one such row of a customer's must not
    refuse their next complaint)."""

    def events(case: Case) -> Iterable[CaseEvent]:
        try:
            return storage.events(case.id)
        except (NotFound, InvalidInput):
            return ()

    return events


class BatchOpenings:
    """The stored cases of a batch's customers, read in one go (``Storage.openings``) when
    the first of its complaints asks how many a customer opened lately, and again only if
    a later one asks about an earlier instant: one query for the batch, not one a complaint."""

    def __init__(self, storage: Storage, customer_ids: Collection[str]) -> None:
        self._storage = storage
        self._customer_ids = customer_ids
        self._read: tuple[datetime, Callable[[str, datetime], int]] | None = None

    def count(self, customer_id: str, since: datetime) -> int:
        """How many of the customer's stored cases were opened at or after ``since``."""
        if self._read is None or since < self._read[0]:
            self._read = (since, self._storage.openings(self._customer_ids, since))
        return self._read[1](customer_id, since)


class StoredHistory:
    """A customer's past cases as seen at ``now``; each answer costs one indexed count.

    ``pending`` holds the customer's cases opened earlier in the same ``intake_many`` batch
    and not stored yet, so a batch assesses each complaint as one-by-one intake would.
    """

    def __init__(
        self,
        storage: Storage,
        customer_id: str,
        now: datetime,
        pending: Sequence[Case] = (),
        later: datetime | None = None,
        openings: BatchOpenings | None = None,
    ) -> None:
        self._storage = storage
        self._customer_id = customer_id
        # in UTC: a zoned clock's instant minus days is reckoned on its wall clock, an
        # hour off across a change of the clocks
        self._now = now.astimezone(UTC)
        self._pending = pending
        #: From when cases are left out: opened then or later, they are not the past.
        self._later = None if later is None else later.astimezone(UTC)
        #: The batch's stored cases, for live intake's recent-complaint counts.
        self._openings = None if later is not None else openings

    def as_of(self, now: datetime) -> StoredHistory:
        """The same customer's history seen at another instant (an imported complaint's):
        the cases opened before it. The store may already hold later ones, which are left
        out, and ones of the same instant (a date-only export), which are not its past."""
        return StoredHistory(self._storage, self._customer_id, now, self._pending, now)

    def complaints_in_last_days(self, days: int) -> int:
        since = self._now - timedelta(days=days)
        if self._openings is None:
            return self._count(CaseQuery(customer_id=self._customer_id, opened_since=since))
        stored = self._openings.count(self._customer_id, since)
        if not self._pending:  # the customer's first in the batch: no query to build (5 µs)
            return stored
        return stored + self._in_batch(CaseQuery(customer_id=self._customer_id, opened_since=since))

    def open_cases(self) -> int:
        if self._later is None:  # live intake: the cases open now
            return self._count(CaseQuery(customer_id=self._customer_id, open_only=True))
        asking = f"the history of customer {self._customer_id!r}"
        stored = customer_cases(self._storage, self._customer_id, self._now, asking)
        found = [*stored, *self._pending]
        events = stored_events(self._storage)
        return sum(
            case.opened_at < self._now and open_at(case, self._now, events) for case in found
        )

    def _count(self, query: CaseQuery) -> int:
        found = self._counted(query)
        if self._later is None:  # live intake: no case is opened after now
            return found
        return found - self._counted(attrs.evolve(query, opened_since=self._later))

    def _counted(self, query: CaseQuery) -> int:
        return self._storage.count(query) + self._in_batch(query)

    def _in_batch(self, query: CaseQuery) -> int:
        return sum(matches(case, query) for case in self._pending)
