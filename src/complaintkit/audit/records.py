"""The raw rows a store hands to the audit, untouched by the model's parsers.

The audit reads rows, not cases: a row that no longer parses is a finding, and the
indexed columns (status, owner, event kind…) are compared with the bodies they repeat.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

import attrs

from complaintkit.audit.keys import AuditKey


@attrs.frozen
class CaseRow:
    """A stored case: its indexed columns as model values, and its body (text or parsed)."""

    id: str
    version: Any
    status: Any
    is_open: Any
    customer_id: Any
    owner: Any
    category: Any
    opened_at: datetime | None
    next_deadline: datetime | None
    body: str | dict[str, Any]


@attrs.frozen
class EventRow:
    """A stored event: the columns it is filed under, and its sealed body."""

    case_id: str
    seq: int
    kind: str
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


@attrs.frozen
class Snapshot:
    """One consistent read of a store: its ledger, and its cases one at a time."""

    ledger: list[LedgerRow]
    records: Iterator[CaseRecord]


@runtime_checkable
class Auditable(Protocol):
    """A storage that keeps a ledger and lets the audit read its raw rows."""

    audit_key: AuditKey | None

    def audit_snapshot(self) -> AbstractContextManager[Snapshot]:
        """A read of the ledger and every case in one transaction (one consistent view)."""


def group(cases: Iterator[CaseRow], events: Iterator[EventRow]) -> Iterator[CaseRecord]:
    """Merge cases (ordered by id) with events (ordered by case id, seq) into records.

    Events whose case row is gone and case rows without events both become records, so
    the audit sees them.
    """
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
