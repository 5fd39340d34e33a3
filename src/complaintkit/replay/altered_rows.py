"""Cases whose stored row or report rows were edited by hand, their events untouched.

A replay rebuilds each case from its events, so a voucher's amount edited in the case row
(what the Desk, caps and offers read) or in a report row (what every report sums) would
be compared as if nothing were wrong, and "0 would change" would vouch for a store that
pays and reports another amount. Such a case is named as damaged, with what the row says
and what its events say, as ``audit verify`` names it. The replay checks each case as it
reads it (``stored_cases``), on the case its sound events fold into.
"""

from __future__ import annotations

from collections.abc import Sequence

from complaintkit.audit.case_row import replayed_row_problems
from complaintkit.audit.columns import column_findings
from complaintkit.audit.records import CaseRow, ReportCheck
from complaintkit.audit.stored import stored_case
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent


def row_edited(
    row: CaseRow, replayed: Case, events: Sequence[CaseEvent], reports: ReportCheck | None
) -> str | None:
    """What the case row or its report rows say other than ``events``, which fold into
    ``replayed``; None when they agree."""
    try:
        stored = stored_case(row.body)
    except ValueError as exc:
        return f"its stored case row is malformed: {exc}"
    findings = column_findings(row, stored)
    findings += replayed_row_problems(row, stored, replayed, events, reports)
    return "; ".join(finding.problem for finding in findings) or None
