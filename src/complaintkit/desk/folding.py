"""Folding drafts into a case: number, chain and apply them as events."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from complaintkit.errors import InvalidInput
from complaintkit.model.case import Case
from complaintkit.model.drafts import Draft
from complaintkit.model.events import CaseEvent
from complaintkit.model.history import apply


def actor_of(actor: str) -> str:
    if not isinstance(actor, str) or not actor.strip():
        raise InvalidInput("actor", "every change needs a named actor (a person or 'system')")
    return actor


def fold(
    case: Case, drafts: Sequence[Draft], at: datetime, *, seal: bool = True
) -> list[CaseEvent]:
    """Number, chain and apply ``drafts`` to ``case`` in place, all at ``at``; the events.

    ``seal=False`` leaves the hashes empty, for events that are never stored (a replay's).
    """
    events = []
    make = CaseEvent.chained if seal else CaseEvent
    for draft in drafts:
        event = make(
            case_id=case.id,
            seq=case.version + 1,
            kind=draft.kind,
            at=at,
            actor=actor_of(draft.actor),
            reason=draft.reason,
            data=draft.data,
            prev_hash=case.last_hash,
        )
        apply(case, event)
        events.append(event)
    return events
