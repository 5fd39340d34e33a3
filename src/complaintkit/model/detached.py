"""Copies of a case and an event that share nothing changeable with the original.

What complaintkit hands out of its own keeping — a memory store's case to its reader, a
stored case to a ``case_event`` plugin — is the receiver's to change: a copy down to its
complaints' attributes (``Case.copy`` shares the complaints) and the event's ``data``.
"""

from __future__ import annotations

import attrs

from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.model.jsonvalues import json_copy


def detached_case(case: Case) -> Case:
    """``case`` rebuilt from its own JSON, unvalidated as a stored case is read: a value
    today's limits refuse still copies."""
    return Case.from_stored(case.to_json())


def detached_event(event: CaseEvent) -> CaseEvent:
    """``event`` with its own ``data``; every other field is immutable."""
    return attrs.evolve(event, data=json_copy(event.data))
