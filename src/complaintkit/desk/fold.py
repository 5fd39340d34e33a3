"""Turning drafts into events: number, chain and apply them to a case, in order.

Every path that changes a case — the Desk's methods, intake and the tick — folds its
drafts through :func:`fold`, so sequence numbers and the hash chain are made in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from complaintkit.errors import InvalidInput
from complaintkit.model.case import Case
from complaintkit.model.complaint import MAX_ID_CHARS, MAX_TEXT_CHARS, shows_nothing
from complaintkit.model.drafts import Draft
from complaintkit.model.events import CaseEvent, Chain
from complaintkit.model.history import apply
from complaintkit.model.jsonvalues import check_text

#: No actor checked yet (``fold``).
_UNCHECKED = object()


def named_actor(actor: str, field: str = "actor") -> str:
    """``actor`` if it names someone; every change needs a person or ``system`` (and a case
    an owner), named in text every backend stores and the hash chain can encode (no NUL, no
    lone surrogate)."""
    if not isinstance(actor, str) or not actor.strip():
        needs = "every change needs a named actor (a person or 'system')"
        raise InvalidInput(field, needs if field == "actor" else "must name a person")
    if len(actor) > MAX_ID_CHARS:
        raise InvalidInput(field, f"is {len(actor):,} characters; the limit is {MAX_ID_CHARS}")
    return check_text(actor, field)


def said(text: str, field: str, ask: str = "is empty; say something") -> str:
    """``text`` if it says something, else ``InvalidInput(field, ask)``: an empty response
    would stop the first-response clock and show the customer nothing, an empty reason
    would explain nothing to an auditor."""
    if not isinstance(text, str) or shows_nothing(text):
        raise InvalidInput(field, ask)
    return fits(text, field)


def fits(text: str, field: str) -> str:
    """``text`` if it is text as long as a complaint may be, and no longer: a reply or
    reason is stored, hashed into the chain and shown by every history view."""
    if not isinstance(text, str):
        raise InvalidInput(field, "must be text")
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidInput(field, f"is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}")
    return text


def fold(
    case: Case, drafts: Sequence[Draft], now: datetime, *, seal: bool = True
) -> list[CaseEvent]:
    """Number, chain and apply ``drafts`` to ``case`` in place; return the events.

    ``seal=False`` leaves the hashes empty, for events that are never stored (a replay's).
    A change's drafts mostly share their actor, checked once for them (by identity).
    """
    events = []
    chain: Chain | None = None
    checked: object = _UNCHECKED
    for draft in drafts:
        if draft.actor is not checked:
            checked = named_actor(draft.actor)
        if not seal:
            event = CaseEvent(
                case_id=case.id,
                seq=case.version + 1,
                kind=draft.kind,
                at=now,
                actor=draft.actor,
                reason=draft.reason,
                data=draft.data,
                prev_hash=case.last_hash,
            )
        else:
            if chain is None:
                chain = Chain(case.id, now)
            event = chain.event(
                case.version + 1, draft.kind, draft.actor, draft.reason, draft.data, case.last_hash
            )
        apply(case, event, draft.clock)
        events.append(event)
    return events
