"""A row's indexed columns against the body they repeat, compared exactly.

Queries select on the columns (``is_open = 1``, ``next_deadline <= ?``), so a column that
merely resembles its body value (``2`` or ``'yes'`` for an open case, ``'22'`` for version
22) hides the case from them: only the same value of the same type is the same. A column
instant that is no instant at all cannot be compared, and is reported as malformed; one
written at another offset is the same instant.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from complaintkit.audit.findings import Finding
from complaintkit.audit.records import CaseRow, EventRow
from complaintkit.model.audit import shown_seq
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent

#: Column instants go through float timestamps in SQLite; closer than this is the same.
_INSTANT_SLACK = 0.001
_INSTANTS = ("opened_at", "next_deadline")


def column_findings(row: CaseRow, case: Case) -> list[Finding]:
    """What in ``row``'s columns is unreadable (``malformed``) or differs from ``case``,
    the body it repeats (``row``)."""
    findings = []
    for name, column, body in _columns(row, case):
        if name in _INSTANTS and column is not None and not isinstance(column, datetime):
            problem = f"{name} column holds {short(column)}, not an instant"
            findings.append(Finding("malformed", problem, row.id))
        elif not _same(column, body):
            findings.append(
                Finding(
                    "row",
                    f"{name} column says {short(column)} but the case row body says {short(body)}",
                    row.id,
                )
            )
    return findings


def event_column_findings(row: EventRow, event: CaseEvent) -> list[Finding]:
    """Where an event row's columns differ from the sealed event they file: its ``seq``
    (which the ledger, the feed and the order of a history read), its ``kind`` and its
    ``at`` (which queries on the events table read)."""
    findings = []
    if event.seq != row.seq:
        sealed, stored = shown_seq(event.seq), shown_seq(row.seq)
        problem = f"stored as event {stored} but sealed as event {sealed}"
        findings.append(Finding("moved", problem, row.case_id, row.seq))
    if event.kind != row.kind:
        problem = f"kind column says {row.kind!r} but the sealed event says {event.kind!r}"
        findings.append(Finding("moved", problem, row.case_id, row.seq))
    return findings + at_findings(row, event)


def at_findings(row: EventRow, event: CaseEvent) -> list[Finding]:
    """Whether an event row's ``at`` column holds its sealed instant: queries on the events
    table (reports in other tools, dashboards) read the column, not the body."""
    column = row.at
    if isinstance(column, str):  # SQLite's ISO 8601 text
        try:
            column = datetime.fromisoformat(column)
        except ValueError:
            column = row.at
    if not isinstance(column, datetime) or column.utcoffset() is None:
        problem = f"at column holds {short(row.at)}, not an instant"
        return [Finding("malformed", problem, row.case_id, row.seq)]
    if column - event.at:  # by instant: an aware difference ignores the offsets
        problem = f"at column says {short(column)} but the sealed event says {short(event.at)}"
        return [Finding("moved", problem, row.case_id, row.seq)]
    return []


def _columns(row: CaseRow, case: Case) -> Iterator[tuple[str, Any, Any]]:
    yield "id", row.id, case.id
    yield "version", row.version, case.version
    yield "status", row.status, case.status.value
    yield "is_open", row.is_open, case.is_open
    yield "customer_id", row.customer_id, case.customer_id
    yield "owner", row.owner, case.owner
    yield "category", row.category, case.category
    yield "opened_at", row.opened_at, case.opened_at
    yield "next_deadline", row.next_deadline, case.next_deadline


def _same(column: Any, body: Any) -> bool:
    if isinstance(body, datetime):
        return (
            isinstance(column, datetime) and abs((column - body).total_seconds()) < _INSTANT_SLACK
        )
    if isinstance(body, bool):  # a boolean column, or SQLite's integer 0 / 1
        return column is body or (type(column) is int and column == int(body))
    return type(column) is type(body) and bool(column == body)


def short(value: Any) -> str:
    """``value`` as a finding quotes it: an instant in ISO 8601, anything else as its repr,
    cut to 60 characters."""
    text = value.isoformat() if isinstance(value, datetime) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
