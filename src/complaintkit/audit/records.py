"""The raw rows a store hands to the audit, untouched by the model's parsers.

The audit reads rows, not cases: a row that no longer parses is a finding, and the
indexed columns (status, owner, event kind…) are compared with the bodies they repeat.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

import attrs

from complaintkit.audit.keys import AuditKey
from complaintkit.errors import StorageError
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent


@attrs.frozen
class CaseRow:
    """A stored case: its indexed columns as model values, and its body (text or parsed).

    A column holds what the store holds when that is no model value (an edited row): text
    in an instant column, a number in a text one; the audit reports it.
    """

    id: str | Any
    version: Any
    status: Any
    is_open: Any
    customer_id: Any
    owner: Any
    category: Any
    opened_at: datetime | Any
    next_deadline: datetime | Any
    body: str | dict[str, Any]


@attrs.frozen
class EventRow:
    """A stored event: the columns it is filed under (as stored, whatever their type: ``at``
    is ISO 8601 text in SQLite, an instant in PostgreSQL), and its sealed body."""

    case_id: str | Any
    seq: int | Any
    kind: str | Any
    at: datetime | str | Any
    body: str | dict[str, Any]


@attrs.frozen
class LedgerRow:
    """A stored ledger entry: its position, the hash writers chain from, and its body."""

    id: int
    hash: str
    body: str


@attrs.frozen
class CaseRecord:
    """Everything stored under one case id: the row (if any) and the events (if any)."""

    case_id: str
    row: CaseRow | None
    events: list[EventRow]


#: What in a case's report rows differs from the rows its replayed history gives.
ReportCheck = Callable[[Case, Sequence[CaseEvent]], list[str]]


@attrs.frozen
class Snapshot:
    """One consistent read of a store: its ledger, its cases one at a time, and (where the
    backend checks them) its report rows."""

    #: Read once, in order, by the check: a backend hands it out a row at a time.
    ledger: Iterable[LedgerRow]
    records: Iterator[CaseRecord]
    reports: ReportCheck | None = None
    #: Report rows of case ids the store does not hold: (case id, problem) each.
    report_orphans: Callable[[], list[tuple[str, str]]] | None = None
    #: Where the event feed does not deliver each stored event once, on backends that keep
    #: a feed log apart from the events: (case id, seq, problem) each.
    feed_problems: Callable[[], list[tuple[str | None, int | None, str]]] | None = None


def unauditable(exc: Exception) -> StorageError:
    """The error for a store whose rows the audit cannot read at all (a dropped table)."""
    return StorageError(
        f"cannot audit the store: {exc}; a table or column complaintkit keeps is gone or "
        "altered, so none of its history can be checked"
    )


def unreadable(exc: Exception) -> StorageError:
    """The error for a store whose file cannot be read where the audit reads it (a failing
    disk, a copy taken mid-write): no schema change explains it, a backup mends it."""
    return StorageError(
        f"cannot audit the store: its file is damaged ({exc}), so none of its history can "
        "be checked; restore it from a backup (complaintkit's own or the disk's) and verify "
        "that"
    )


@runtime_checkable
class AuditableCase(Protocol):
    """A storage whose audit read can be of one case: a look at one case (``replay
    --case``) then reads no other."""

    def case_snapshot(self, case_id: str) -> AbstractContextManager[Snapshot]:
        """A read of the ledger and ``case_id``'s rows alone, in one transaction."""


@runtime_checkable
class Auditable(Protocol):
    """A storage that keeps a ledger and lets the audit read its raw rows."""

    audit_key: AuditKey | None

    def audit_snapshot(self) -> AbstractContextManager[Snapshot]:
        """A read of the ledger and every case in one transaction (one consistent view)."""


def group(cases: Iterator[CaseRow], events: Iterator[EventRow]) -> Iterator[CaseRecord]:
    """Merge cases (ordered by id) with events (ordered by case id, seq) into records.

    Events whose case row is gone and case rows without events both become records, so
    the audit sees them. A row whose id column is not text (edited to a number or a blob)
    is filed under no case: it becomes a record of its own, after the others.
    """
    misfiled: list[CaseRecord] = []

    def filed_cases() -> Iterator[CaseRow]:
        for case in cases:
            if isinstance(case.id, str):
                yield case
            else:
                misfiled.append(CaseRecord(repr(case.id), case, []))

    def filed_events() -> Iterator[EventRow]:
        for event in events:
            if isinstance(event.case_id, str):
                yield event
            else:
                misfiled.append(CaseRecord(repr(event.case_id), None, [event]))

    yield from _merge(filed_cases(), filed_events())
    yield from misfiled


def _merge(cases: Iterator[CaseRow], events: Iterator[EventRow]) -> Iterator[CaseRecord]:
    case = next(cases, None)
    event = next(events, None)
    while case is not None or event is not None:
        if event is None or (case is not None and case.id < event.case_id):
            assert case is not None
            yield CaseRecord(case.id, case, [])
            case = next(cases, None)
            continue
        case_id = event.case_id
        row = None
        if case is not None and case.id == case_id:
            row, case = case, next(cases, None)
        grouped = []
        while event is not None and event.case_id == case_id:
            grouped.append(event)
            event = next(events, None)
        yield CaseRecord(case_id, row, grouped)
