"""The case lifecycle as data: states, the moves between them, and what each state means.

The SLA engine reads ``PAUSING`` and ``TERMINAL`` from here; nothing else in the library
hard-codes a state's meaning.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from complaintkit.errors import IllegalTransition, InvalidInput


class Status(StrEnum):
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    INVESTIGATING = "investigating"
    WAITING_ON_CUSTOMER = "waiting_on_customer"
    WAITING_ON_THIRD_PARTY = "waiting_on_third_party"
    RESOLUTION_PROPOSED = "resolution_proposed"
    RESOLVED = "resolved"
    FOLLOW_UP = "follow_up"
    CLOSED = "closed"
    REOPENED = "reopened"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


S = Status
_WORKING = (S.INVESTIGATING, S.WAITING_ON_CUSTOMER, S.WAITING_ON_THIRD_PARTY, S.RESOLUTION_PROPOSED)

#: Every legal move. A move not listed here raises ``IllegalTransition``.
TRANSITIONS: Mapping[Status, frozenset[Status]] = {
    S.RECEIVED: frozenset({S.ACKNOWLEDGED, S.INVESTIGATING, S.REJECTED, S.WITHDRAWN}),
    S.ACKNOWLEDGED: frozenset({*_WORKING, S.RESOLVED, S.REJECTED, S.WITHDRAWN}),
    S.INVESTIGATING: frozenset({*_WORKING, S.RESOLVED, S.REJECTED, S.WITHDRAWN})
    - {S.INVESTIGATING},
    S.WAITING_ON_CUSTOMER: frozenset(
        {S.INVESTIGATING, S.RESOLUTION_PROPOSED, S.RESOLVED, S.WITHDRAWN}
    ),
    S.WAITING_ON_THIRD_PARTY: frozenset(
        {S.INVESTIGATING, S.RESOLUTION_PROPOSED, S.RESOLVED, S.WITHDRAWN}
    ),
    S.RESOLUTION_PROPOSED: frozenset(
        {S.RESOLVED, S.INVESTIGATING, S.WAITING_ON_CUSTOMER, S.WITHDRAWN}
    ),
    S.RESOLVED: frozenset({S.FOLLOW_UP, S.CLOSED, S.REOPENED}),
    S.FOLLOW_UP: frozenset({S.CLOSED, S.REOPENED}),
    S.CLOSED: frozenset({S.REOPENED}),
    S.REOPENED: frozenset({*_WORKING, S.RESOLVED, S.WITHDRAWN}),
    S.REJECTED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

#: States in which the case needs no more work; SLA clocks stop.
TERMINAL: frozenset[Status] = frozenset({S.CLOSED, S.REJECTED, S.WITHDRAWN})

#: States in which the ball is in someone else's court; by default SLA clocks pause.
PAUSING: frozenset[Status] = frozenset({S.WAITING_ON_CUSTOMER, S.WAITING_ON_THIRD_PARTY})

#: States reached once the problem is solved; resolution clocks stop here.
SOLVED: frozenset[Status] = frozenset({S.RESOLVED, S.FOLLOW_UP, S.CLOSED})


def parse_status(value: object, field: str = "status") -> Status:
    try:
        return Status(str(value))
    except ValueError:
        raise InvalidInput(
            field,
            f"{value!r} is not a case status; use one of {', '.join(s.value for s in Status)}",
        ) from None


def check_transition(case_id: str, source: Status, target: Status) -> None:
    """Raise ``IllegalTransition`` naming the allowed moves unless source → target is legal."""
    allowed = TRANSITIONS[source]
    if target not in allowed:
        raise IllegalTransition(
            case_id, source.value, target.value, sorted(s.value for s in allowed)
        )
