"""Cases whose stored row or report rows were edited by hand, their events untouched.

A replay rebuilds each case from its events, so a voucher's amount edited in the case row
(what the Desk, caps and offers read) or in a report row (what every report sums) would
be compared as if nothing were wrong, and "0 would change" would vouch for a store that
pays and reports another amount; an event row's ``seq``, ``kind`` or ``at`` column edited
likewise leaves the sealed body that the replay reads as it was. Such a case is named as
damaged, with what the row says and what its events say, as ``audit verify`` names it. The replay checks each case as it
reads it (``stored_cases``), on the case its sound events fold into.
"""

from __future__ import annotations

from collections.abc import Sequence

from complaintkit.audit.case_row import replayed_row_problems
from complaintkit.audit.columns import column_findings, event_column_findings
from complaintkit.audit.records import CaseRecord, ReportCheck
from complaintkit.audit.stored import stored_case
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent


def row_edited(
    record: CaseRecord, replayed: Case, events: Sequence[CaseEvent], reports: ReportCheck | None
) -> str | None:
    """What the record's event rows' columns, its case row or its report rows say other
    than its sealed ``events`` (read from those rows), which fold into ``replayed``; None
    when they agree."""
    moved = [
        f"stored event {row.seq}: {finding.problem}"
        for row, event in zip(record.events, events, strict=True)
        for finding in event_column_findings(row, event)
    ]
    if moved:
        return "; ".join(moved)
    assert record.row is not None  # a history without its row is named as such
    try:
        stored = stored_case(record.row.body)
    except ValueError as exc:
        return f"its stored case row is malformed: {exc}"
    findings = column_findings(record.row, stored)
    findings += replayed_row_problems(record.row, stored, replayed, events, reports)
    return "; ".join(finding.problem for finding in findings) or None
