"""Cases whose stored row or report rows were edited by hand, their events untouched.

A replay rebuilds each case from its events, so a voucher's amount edited in the case row
(what the Desk, caps and offers read) or in a report row (what every report sums) would
be compared as if nothing were wrong, and "0 would change" would vouch for a store that
pays and reports another amount. Such a case is named as damaged, with what the row says
and what its events say, as ``audit verify`` names it. A history that is itself unreadable
or broken is passed over here: the replay names it in its own words.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from complaintkit.audit.case_row import replayed_row_problems
from complaintkit.audit.columns import column_findings
from complaintkit.audit.records import Auditable, CaseRecord, ReportCheck, Snapshot
from complaintkit.audit.stored import UNREADABLE, damaged, stored_case, stored_event
from complaintkit.model.audit import verify_chain
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.model.history import replay
from complaintkit.replay.histories import DamagedCase, read_only
from complaintkit.reports.scope import Scope
from complaintkit.storage.base import Storage
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_ledger import snapshot


def altered_rows(
    storage: Storage, scope: Scope, horizon: datetime, case_id: str | None = None
) -> list[DamagedCase]:
    """Each case (or only ``case_id``) opened in ``scope`` by ``horizon`` whose row or
    report rows differ from its events, on a store the audit can read (one holding a
    ledger); none on others."""
    if not isinstance(storage, Auditable):
        return []
    found = []
    with _snapshot(storage, case_id) as snapshot:
        for record in snapshot.records:
            if case_id is not None and record.case_id != case_id:
                continue
            problem = _edited(record, snapshot.reports, scope, horizon)
            if problem is not None:
                found.append(
                    DamagedCase(record.case_id, damaged(f"case {record.case_id}", problem))
                )
    return found


@contextmanager
def _snapshot(storage: Auditable, case_id: str | None) -> Iterator[Snapshot]:
    """The audit's read of every case; of a SQLite file on the replay's read-only
    connection, which names the file when a damaged page fails under it, and reads only
    ``case_id`` when one is named (another backend's audit reads them all)."""
    if isinstance(storage, SQLiteStorage):
        with read_only(storage) as db:
            yield snapshot(db, case_id)
    else:
        with storage.audit_snapshot() as read:
            yield read


def _edited(
    record: CaseRecord, reports: ReportCheck | None, scope: Scope, horizon: datetime
) -> str | None:
    """What in the record's rows says other than its sound events; None when they agree
    or when its events are not sound (``_sound``)."""
    sound = _sound(record, scope, horizon)
    if sound is None or record.row is None:
        return None
    events, replayed = sound
    try:
        stored = stored_case(record.row.body)
    except ValueError as exc:
        return f"its stored case row is malformed: {exc}"
    findings = column_findings(record.row, stored)
    findings += replayed_row_problems(record.row, stored, replayed, events, reports)
    return "; ".join(finding.problem for finding in findings) or None


def _sound(
    record: CaseRecord, scope: Scope, horizon: datetime
) -> tuple[list[CaseEvent], Case] | None:
    """The record's events and the case they replay into, if they can be read, are filed
    where they were sealed, chain, replay, and open the case in ``scope`` by ``horizon``;
    else None (the replay names what is wrong, or leaves the case out)."""
    if record.row is None or not record.events:
        return None
    try:
        events = [stored_event(row.body) for row in record.events]
        filed = [(row.seq, record.case_id) for row in record.events]
        if filed != [(event.seq, event.case_id) for event in events]:
            return None
        if verify_chain(record.case_id, events) is not None:
            return None
        if events[0].at > horizon or not scope.covers(events[0].at):
            return None
        return events, replay(events)
    except UNREADABLE:
        return None
