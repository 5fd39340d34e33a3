"""The fields of one case that reports read, taken the way the SQLite triggers take them.

``StorageReportSource`` projects each case through here, so the generic source and the SQL
source count the same things. Clocks and remedies belong to other engines; they are read
defensively and anything unexpected is skipped, never an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from complaintkit.model.case import Case
from complaintkit.model.clocks import ClockState
from complaintkit.model.compensation import reported_status
from complaintkit.reports.scope import Dimension, Scope
from complaintkit.reports.source import Duration, SlaOutcome, given_amount
from complaintkit.reports.spelling import counted_as


def dimension(case: Case, name: Dimension) -> str | None:
    owner = case.complaint if name in ("channel", "product") else case
    return getattr(owner, name)  # type: ignore[no-any-return]


def received(case: Case) -> datetime:
    """When the customer complained: the instant reports count, scope and time a case by.

    A complaint taken in late (last week's e-mail) is opened at intake, but its SLA clocks
    run from receipt, and so does what the customer waited.
    """
    return case.complaint.received_at


def in_scope(case: Case, scope: Scope, *, by_intake: bool = False) -> bool:
    """Whether ``case`` is in ``scope``, internal cases included (open work counts them).

    ``by_intake`` places the case at its opening instead, as incident detection does.
    """
    return scope.covers(case.opened_at if by_intake else received(case)) and all(
        (value := dimension(case, d)) is not None and counted_as(d, value) == counted_as(d, v)
        for d, v in scope.filters().items()
    )


def counted(case: Case, scope: Scope, *, by_intake: bool = False) -> bool:
    """Whether complaint figures over ``scope`` count ``case``."""
    return in_scope(case, scope, by_intake=by_intake) and scope.counts_channel(
        case.complaint.channel
    )


def end_of(case: Case, duration: Duration) -> datetime | None:
    return case.first_response_at if duration == "first_response" else case.resolved_at


def clock_outcomes(case: Case, now: datetime) -> dict[str, SlaOutcome]:
    """Each SLA metric's outcome as of ``now``; the engine's own bookkeeping entries are
    skipped. A clock whose deadline passed before ``now`` unmet has breached, whether or
    not a tick has recorded it yet (a reply at the deadline is in time); one stopped
    without being met or breached (its case withdrawn or rejected) is cancelled."""
    return {metric: sla_outcome(state, now) for metric, state in case.clocks.metrics.items()}


def sla_outcome(state: ClockState, now: datetime) -> SlaOutcome:
    """The SLA table's column for one clock; the stores' queries decide alike. A breach
    in an earlier cycle of a reopened case's clock counts, as a breach before a withdrawal
    does."""
    if state.ever_breached:
        return "breached"
    if state.met_at is not None:
        return "met"
    if state.outcome == "cancelled":
        return "cancelled"
    return "breached" if overdue(state, now) else "running"


def overdue(state: ClockState, now: datetime) -> bool:
    """Whether ``state`` is due before ``now`` and unmet: only a clock still owing its
    deadline has one (a stopped clock has none; one paused at its deadline keeps it)."""
    return state.met_at is None and state.due_at is not None and state.due_at < now


def remedies(case: Case) -> list[tuple[str, str | None, str | None, Decimal | None]]:
    """(remedy kind, currency, entry status, amount) of every remedy of every decision.

    A compensation entry holds one decision with one or more remedies (``model.compensation``
    describes the shape); the entry's status (proposed, offered, accepted…, or lapsed for
    an offer its case ended without answering) applies to each.
    """
    found: list[tuple[str, str | None, str | None, Decimal | None]] = []
    for entry in case.compensation:
        decision = entry.get("decision") if isinstance(entry, Mapping) else None
        listed = decision.get("remedies") if isinstance(decision, Mapping) else None
        for item in listed if isinstance(listed, list) else ():
            if isinstance(item, Mapping):
                kind, currency, amount = _remedy(item)
                status = reported_status(entry.get("status"), case.is_open)
                found.append((kind, currency, status, amount))
    return found


def _remedy(item: Mapping[str, Any]) -> tuple[str, str | None, Decimal | None]:
    amount = item.get("amount")
    if not isinstance(amount, Mapping):
        return (str(item.get("kind") or "unknown"), None, None)
    value = given_amount(str(amount.get("amount")))  # as the stores' report rows read it
    return (str(item.get("kind") or "unknown"), amount.get("currency"), value)


def imported(case: Case) -> bool:
    """Whether a history import opened the case: its complaint carries what another system
    recorded (``Complaint.history``, read through JSON so the report needs no import code)."""
    return case.complaint.to_json().get("history") is not None
