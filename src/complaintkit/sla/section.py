"""The loader's view of the ``calendars``, ``sla`` and ``escalation`` sections.

The three compile together (:func:`complaintkit.sla.policy.compile_sections`); this module
is the section contract around them (:mod:`complaintkit.policy.sections`) and their part of
``complaintkit explain``: each deadline's computation and the escalation ladder's timeline
for the case the complaint would open.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from complaintkit.errors import PolicyError
from complaintkit.model.case import Case
from complaintkit.model.complaint import Complaint
from complaintkit.policy.explain import ExplainBlock
from complaintkit.policy.facts import Facts
from complaintkit.policy.sections import Locate, SectionContext
from complaintkit.sla.engine import SlaEngine
from complaintkit.sla.explain import explain_deadlines, render_deadlines
from complaintkit.sla.policy import SlaPolicy, compile_sections
from complaintkit.sla.schema import SCHEMA as SLA_SCHEMA
from complaintkit.sla.told_apart import told_apart

NAME: Final = "sla"
SCHEMA: Final[Mapping[str, Any]] = SLA_SCHEMA


def compile(
    data: Mapping[str, Any], path: str, locate: Locate, context: SectionContext
) -> SlaPolicy | None:
    """The compiled sections, or None when the document has none of the three."""
    prefix = f"{path}." if path else ""
    try:
        return compile_sections(data, lambda where: locate(prefix + where), context.operators)
    except PolicyError as exc:
        raise PolicyError([told_apart(problem) for problem in exc.problems]) from None


def explain(
    compiled: SlaPolicy, facts: Facts, complaint: Complaint, case: Case
) -> list[ExplainBlock]:
    """Deadlines as the case stands (at intake, or after the events the caller recorded)
    and when each escalation level would fire."""
    report = explain_deadlines(
        case, SlaEngine(compiled), max(case.updated_at, complaint.received_at)
    )
    lines = render_deadlines(report) or ["no SLA target applies to this case"]
    return [ExplainBlock(NAME, "deadlines (sla, escalation)", tuple(lines), report)]
