"""The follow-up visit (回访) as drafts: once per resolution, never on a closed case.

The customer's answer is what the SOP's closing gate reads; a second one silently replacing
it would change a recorded score or refusal after the fact. Reopening sets it aside: it was
about the resolution reopening undid, so the next resolution needs a visit of its own.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from complaintkit.errors import FollowUpLocked
from complaintkit.model.case import Case, Satisfaction
from complaintkit.model.drafts import Draft
from complaintkit.model.lifecycle import SOLVED, TRANSITIONS, Status

#: ``move(case, target, actor, reason)``: the Desk's checked transition draft.
Move = Callable[[Case, Status, str, str], Draft]


def follow_up_drafts(case: Case, satisfaction: Satisfaction, actor: str, move: Move) -> list[Draft]:
    """The drafts recording ``satisfaction`` on ``case``: moved to follow-up if resolved."""
    out = []
    if case.status is Status.CLOSED:
        raise FollowUpLocked(case.id, "the case is closed; reopen it to follow up again")
    if case.status is Status.FOLLOW_UP and case.satisfaction is not None:
        raise FollowUpLocked(case.id, "its follow-up visit is already recorded; it is not replaced")
    if case.status is Status.RESOLVED:
        out.append(move(case, Status.FOLLOW_UP, actor, "follow-up visit"))
    elif not TRANSITIONS[case.status]:  # rejected or withdrawn: never resolved
        raise FollowUpLocked(
            case.id, f"it is {case.status.value} for good; it has no resolution to follow up"
        )
    elif case.status not in SOLVED:
        raise FollowUpLocked(case.id, f"it is {case.status.value}; follow up after it is resolved")
    out.append(Draft("satisfaction", attrs.asdict(satisfaction), actor=actor))
    return out


def set_aside(case: Case, target: Status, actor: str) -> list[Draft]:
    """On reopening, the draft clearing the case's visit (its event stays in the history),
    so it neither passes the closing gate nor blocks the next resolution's visit."""
    if target is not Status.REOPENED or case.satisfaction is None:
        return []
    reason = "the follow-up visit was about the resolution being reopened"
    return [Draft("fields_set", {"fields": {"satisfaction": None}}, reason, actor)]
