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
complaint gave, which is kept as it came.
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


def named_by_caller(drafts: Iterable[Draft]) -> None:
    """Refuse a caller's step recorded as ``system``, or by an actor that is no id
    (``InvalidInput`` naming ``actor``)."""
    checked: set[str] = set()
    for draft in drafts:
        actor = draft.actor
        if actor == SYSTEM and draft.kind in SYSTEM_MADE:
            continue
        if actor not in checked and not actor.startswith(f"{CUSTOMER}:"):
            staff_actor(actor)
            checked.add(actor)


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
