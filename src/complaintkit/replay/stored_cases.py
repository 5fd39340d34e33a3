"""The stored cases a replay compares, each read once: its events, the case they fold
into, and, on a store the audit can read, its row and report rows checked against them.

A replay and its row check (``altered_rows``) used to read the store twice, the second
pass parsing, verifying and folding every case's events again: it doubled a replay's CPU.
Here one read of the audit's raw rows gives each case's row and events together; a store
the audit cannot read (one keeping no ledger) is read case by case, with no row check.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from contextlib import contextmanager
from datetime import datetime

import attrs

from complaintkit.audit.records import (
    Auditable,
    AuditableCase,
    CaseRecord,
    ReportCheck,
    Snapshot,
)
from complaintkit.audit.stored import damaged
from complaintkit.errors import DamagedRecord
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.replay.altered_rows import row_edited
from complaintkit.replay.histories import (
    DamagedCase,
    filed_under,
    read_history,
    read_only,
    rebuilt,
    stored_histories,
)
from complaintkit.reports.scope import Scope
from complaintkit.storage.base import Storage
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_ledger import snapshot


@attrs.frozen
class StoredHistory:
    """A stored case's events, in order, and the case they fold into (``rebuilt``)."""

    events: list[CaseEvent]
    case: Case


def stored_cases(
    storage: Storage, scope: Scope, horizon: datetime, case_id: str | None = None
) -> Generator[StoredHistory | DamagedCase, None, None]:
    """Each case (or only ``case_id``) opened in ``scope``'s time range by ``horizon``,
    or the ``DamagedCase`` naming what is wrong with it: its events, or its row or report
    rows, which say other than its events."""
    if isinstance(storage, Auditable):
        with raw_rows(storage, case_id) as read:
            for record in read.records:
                if case_id is None or record.case_id == case_id:
                    yield from _checked(record, read.reports, scope, horizon)
        return
    for history in _histories(storage, scope, case_id):
        if isinstance(history, DamagedCase):
            yield history
        elif history[0].at <= horizon:
            yield from _folded(history)


@contextmanager
def raw_rows(storage: Auditable, case_id: str | None) -> Iterator[Snapshot]:
    """The audit's read of every case, or only of ``case_id`` when one is named and the
    backend can read one case (SQLite, PostgreSQL); of a SQLite file on the replay's
    read-only connection, which names the file when a damaged page fails under it."""
    if isinstance(storage, SQLiteStorage):
        with read_only(storage) as db:
            yield snapshot(db, case_id)
    elif case_id is not None and isinstance(storage, AuditableCase):
        with storage.case_snapshot(case_id) as read:
            yield read
    else:
        with storage.audit_snapshot() as read:
            yield read


def _checked(
    record: CaseRecord, reports: ReportCheck | None, scope: Scope, horizon: datetime
) -> Iterator[StoredHistory | DamagedCase]:
    """The record's history, unless it opened outside ``scope`` or after ``horizon``; or
    what is wrong with it. Events with no row are named whatever the horizon, which is
    read from the case rows; a row with no events where its column says it opened."""
    if not record.events:
        opened = None if record.row is None else record.row.opened_at
        if not isinstance(opened, datetime) or (opened <= horizon and scope.covers(opened)):
            yield _named(record.case_id, "the case row is stored without any events")
        return
    history = read_history(record.case_id, ((None, row.seq, row.body) for row in record.events))
    if record.row is None:
        if isinstance(history, DamagedCase) or scope.covers(history[0].at):
            yield _no_row(record.case_id)
        return
    if isinstance(history, DamagedCase):
        opened = record.row.opened_at
        if not isinstance(opened, datetime) or scope.covers(opened):
            yield history  # its opening unread: the row's column says where it falls
        return
    if history[0].at > horizon or not scope.covers(history[0].at):
        return
    for folded in _folded(history, [row.seq for row in record.events]):
        if isinstance(folded, DamagedCase):
            yield folded
            return
        problem = row_edited(record, folded.case, history, reports)
        if problem is not None:
            yield _named(record.case_id, problem)
            return
        yield folded


def _no_row(case_id: str) -> DamagedCase:
    """A history stored without its case row (deleted, or lost): no report, lookup or
    Desk sees the case, and a replay leaving it out would vouch for a store missing it."""
    return _named(case_id, "its events are stored but the case row is missing (deleted or lost)")


def _named(case_id: str, problem: str) -> DamagedCase:
    return DamagedCase(case_id, damaged(f"case {case_id}", problem))


def _folded(
    events: list[CaseEvent], stored: list[object] | None = None
) -> Iterator[StoredHistory | DamagedCase]:
    """The case ``events`` fold into; ``stored``, the seq each row is stored at, names a
    copied row where it is."""
    try:
        yield StoredHistory(events, rebuilt(events, stored))
    except DamagedRecord as exc:
        yield DamagedCase(events[0].case_id, exc)


def _histories(
    storage: Storage, scope: Scope, case_id: str | None
) -> Iterator[list[CaseEvent] | DamagedCase]:
    """A store the audit cannot read: its histories, read case by case."""
    if case_id is None:
        yield from stored_histories(storage, scope)
        return
    try:  # in the time range, as a file's complaint must be
        events = filed_under(case_id, storage.events(case_id))
    except DamagedRecord as exc:
        yield DamagedCase(case_id, exc)
        return
    if scope.covers(events[0].at):
        yield events
