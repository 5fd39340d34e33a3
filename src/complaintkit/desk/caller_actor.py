"""Who a caller says took a step: a person's or an automation's id, never ``system``.

The actor ``system`` is complaintkit's own: what the policy does by itself (SLA clocks,
escalations, classification) is recorded as ``system``, and a replay makes those events
afresh from the candidate policy instead of playing them back (``replay.rehearsal``). A step
a caller recorded as ``system`` — an auto-responder's first answer, a script's resolution —
would be left out of every replay, which would then show the case unanswered and its clocks
running, so a caller names the person or the automation that takes it.

Any other actor is an id as an owner is (``model.owner_id``): one line of visible text with
no blank at either end. The history names who did what; a trailing blank or newline (an
actor read from a file), a control character or a direction override (``\\u202eanil``
reads ``lina``) would name someone who looks like another. A customer's own act is
recorded as ``customer:<their id>`` (``model.customer_actor``), built from the id their
complaint gave, which is kept as it came — and only for what a customer does: answer an
offer on their status page, reply to a letter (and so end a wait for that answer).
Reopening, replying, noting are staff's steps, taken under their own name: a
``desk.reopen(..., actor="customer:c-1")`` would record a reopening the status page never
lets a customer make.
"""

from __future__ import annotations

from collections.abc import Iterable

from complaintkit.desk.fold import named_actor
from complaintkit.errors import InvalidInput
from complaintkit.model.customer_actor import CUSTOMER
from complaintkit.model.drafts import SYSTEM, Draft
from complaintkit.model.owner_id import check_owner_id

#: What a caller may record as ``system``: a batch incident flagged on the case, which a
#: replay makes afresh too (the batch watcher flags it so).
SYSTEM_MADE = frozenset({"incident_detected"})
#: What a customer does themselves: answers an offer (or has the answer refused), replies.
CUSTOMER_MADE = frozenset(
    {
        "compensation_accepted",
        "compensation_declined",
        "compensation_answer_refused",
        "complaint_added",
    }
)
#: The move a customer's reply makes with it: the answer a case waited for is in.
_ANSWER_IN = {"from": "waiting_on_customer", "to": "investigating"}


def named_by_caller(drafts: Iterable[Draft]) -> None:
    """Refuse a caller's step recorded as ``system``, by an actor that is no id, or by a
    customer where it is no step of theirs (``InvalidInput`` naming ``actor``)."""
    drafts = list(drafts)
    replied = any(d.kind == "complaint_added" for d in drafts)
    checked: set[str] = set()
    for draft in drafts:
        actor = draft.actor
        if actor == SYSTEM and draft.kind in SYSTEM_MADE:
            continue
        if actor.startswith(f"{CUSTOMER}:"):
            _customers_own(draft, replied)
        elif actor not in checked:
            staff_actor(actor)
            checked.add(actor)


def _customers_own(draft: Draft, replied: bool) -> None:
    """Refuse a step under a customer's name that no customer takes themselves."""
    if draft.kind in CUSTOMER_MADE:
        return
    moved = {key: draft.data.get(key) for key in _ANSWER_IN}
    if replied and draft.kind == "transitioned" and moved == _ANSWER_IN:
        return
    what = (
        f"moving the case to {draft.data.get('to')}" if draft.kind == "transitioned" else draft.kind
    )
    raise InvalidInput(
        "actor",
        f"{draft.actor!r:.80} names a customer acting themselves, who answers offers on their "
        f"status page and replies to letters; {what!r:.80} is a step your staff take: record "
        "what the customer asked for under your own name",
    )


def staff_actor(actor: str) -> str:
    """``actor`` if a person or an automation may take steps under it, as above; else
    ``InvalidInput`` naming ``actor``. Staff (an agent's name, ``--actor``) never act as
    ``customer:…``: the history would read what they recorded as the customer's own act."""
    if isinstance(actor, str) and actor.startswith(f"{CUSTOMER}:"):
        raise InvalidInput(
            "actor",
            f"{actor!r:.80} names a customer acting themselves (an answer on their status "
            "page); record what a customer told you under your own name",
        )
    if actor == SYSTEM:
        raise InvalidInput(
            "actor",
            f"'{SYSTEM}' names what complaintkit does by itself (SLA clocks, escalations), "
            "which a replay makes afresh rather than plays back, so this step would be left "
            "out of every replay: name the person, or the automation ('autoresponder'), that "
            "takes it",
        )
    return check_owner_id(named_actor(actor), "actor")
