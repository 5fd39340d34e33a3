"""A case row (and its report rows) against the events it was saved from.

The Desk, caps, offers and ``cases show`` read the row; reports read the report rows; the
events are the sealed record. A row edited by hand — a voucher's amount, a status — makes
them all say what never happened while every event verifies, so the audit and ``replay``
derive the case again from its events and name each value that differs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from complaintkit.audit.columns import column_findings, short
from complaintkit.audit.findings import Finding
from complaintkit.audit.records import CaseRow, ReportCheck
from complaintkit.audit.stored import stored_case
from complaintkit.errors import ComplaintkitError, UnknownEventKind
from complaintkit.model.canonical import canonical_json
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.model.history import replay


def row_problems(
    row: CaseRow, events: list[CaseEvent] | None, reports: ReportCheck | None
) -> list[Finding]:
    """The row's columns against its body, and (when its events are intact) the body
    against the replay of its events and, when they agree, the report rows against both."""
    try:
        stored = stored_case(row.body)
    except ValueError as exc:
        return [Finding("malformed", f"stored case row is malformed: {exc}", row.id)]
    findings = column_findings(row, stored)
    if events is None:
        return findings
    try:
        replayed = replay(events)
    except UnknownEventKind as exc:  # a newer version's event: not the row's disagreement
        return [*findings, Finding("kind", f"its {exc.problem}", row.id, exc.seq)]
    except (ComplaintkitError, KeyError, ValueError, TypeError) as exc:
        return [*findings, Finding("row", f"its events cannot be replayed: {exc}", row.id)]
    return findings + replayed_row_problems(row, stored, replayed, events, reports)


def replayed_row_problems(
    row: CaseRow,
    stored: Case,
    replayed: Case,
    events: Sequence[CaseEvent],
    reports: ReportCheck | None,
) -> list[Finding]:
    """Where the case the row holds (``stored``) differs from the one its events replay
    into; when nothing does, where its report rows differ."""
    findings = [Finding("row", problem, row.id) for problem in differences(stored, replayed)]
    if findings or reports is None:
        return findings
    return [Finding("report", problem, row.id) for problem in reports(replayed, events)]


def differences(stored: Case, replayed: Case) -> list[str]:
    """Each field where the case a row holds (``stored``) says other than the case its
    events replay into, named by its first differing path."""
    truth, shown = replayed.to_json(), stored.to_json()
    found = []
    for name in truth:
        if not _same_json(truth[name], shown.get(name)):
            where, says, said = _difference(name, shown.get(name), truth[name])
            found.append(
                f"the case row says {where} {short(says)} but its events say {short(said)}"
            )
    return found


def _same_json(one: Any, other: Any) -> bool:
    """Whether two JSON values are the same as JSON: Python takes ``False == 0`` and
    ``1.0 == 1``, which SQL and every JSON reader tell apart."""
    return one == other and canonical_json(one) == canonical_json(other)


def _difference(path: str, shown: Any, truth: Any) -> tuple[str, Any, Any]:
    """The first place, as a dotted path, where two different JSON values differ: an
    edited address is named ``complaints[0].customer.contact``, not the whole list."""
    if isinstance(shown, dict) and isinstance(truth, dict):
        for key in [*truth, *(k for k in shown if k not in truth)]:
            if not _same_json(shown.get(key), truth.get(key)):
                return _difference(f"{path}.{key}", shown.get(key), truth.get(key))
    if isinstance(shown, list) and isinstance(truth, list) and len(shown) == len(truth):
        for index, (one, other) in enumerate(zip(shown, truth, strict=True)):
            if not _same_json(one, other):
                return _difference(f"{path}[{index}]", one, other)
    return path, shown, truth
