"""An acknowledgement never promises a date already past.

A complaint taken in after its deadline (last month's complaints imported from a CSV file,
an e-mail found weeks late) starts its clocks at receipt, so they fell due before the case
was opened. A letter to the customer on ``opened`` that names such a deadline ("we will
answer by 3 November", written on 3 December) is held back as a dead letter saying so;
a letter that names none, or only deadlines still ahead, goes as usual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.notify.templates import Template, clock_due, format_instant
from complaintkit.sla.shown_zone import ZoneOf

if TYPE_CHECKING:
    from complaintkit.notify.policy import LocalisedTemplate

#: The deadline fields, with the metric each names (``case.due.<metric>`` names its own).
_NAMED = {"case.first_response_due": "first_response", "case.resolution_due": "resolution"}
_DUE_PREFIX = "case.due."


def past_promise(
    case: Case, event: CaseEvent, template: LocalisedTemplate, zone_of: ZoneOf | None
) -> str | None:
    """Why the acknowledgement ``template`` must not be sent for ``case``: the first
    deadline it names (``named_deadlines``, read when the policy is compiled) that fell
    due before the case was opened; None when it may go."""
    if event.kind != "opened":
        return None
    for metric in template.deadlines:
        due = clock_due(case, metric, zone_of)
        if due is not None and due < event.at:
            return (
                f"case {case.id}: the acknowledgement would promise {metric} by "
                f"{format_instant(due)}, which had passed when the case was opened; not sent"
            )
    return None


def named_deadlines(*templates: Template) -> tuple[str, ...]:
    """The metrics whose deadlines ``templates`` name, in order, once each."""
    found: dict[str, None] = {}
    for template in templates:
        for kind, name in template.parts:
            if kind == "field" and name in _NAMED:
                found[_NAMED[name]] = None
            elif kind == "field" and name.startswith(_DUE_PREFIX):
                found[name[len(_DUE_PREFIX) :]] = None
    return tuple(found)
