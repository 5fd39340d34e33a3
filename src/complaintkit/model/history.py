"""Events → case: the one place that changes a case, so replaying a history rebuilds it.

Each event kind has an applier. Kinds without one (a custom event, a note, notify-only
escalations) still advance the case's version and hash chain but change no field. A kind
complaintkit does not record (``custom_events.RECORDED``) and not marked custom is refused
(``UnknownEventKind``): a newer version wrote it, and folding it as nothing would rebuild a
case unlike the one stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from itertools import takewhile
from typing import Any

from complaintkit.errors import InvalidInput, UnknownEventKind
from complaintkit.model import compensation, trusted
from complaintkit.model.case import Case, RootCause, Satisfaction
from complaintkit.model.clocks import Clocks, ClockState, marks_from_json
from complaintkit.model.complaint import Complaint, parse_instant
from complaintkit.model.custom_events import RECORDED, count
from complaintkit.model.events import GENESIS, CaseEvent
from complaintkit.model.instants import iso_text
from complaintkit.model.lifecycle import Status

Applier = Callable[[Case, dict[str, Any]], None]

#: Set on a move that solves a case nobody had answered yet (``True``): the resolution is
#: the first answer the customer sees, as the first-response SLA clock counts it, so the
#: move stamps ``first_response_at``. A flag the move carries, not a rule of the fold, so
#: histories stored before it replay as they were stored.
FIRST_ANSWER = "first_answer"


#: Set on an imported move to the recorded status whose time the record did not give
#: (``True``): it is kept at the last known instant, which is not when it happened, so a
#: resolution stamps no ``resolved_at`` (reports would count a resolution in no time).
UNTIMED = "untimed"


def _complaint_added(case: Case, data: dict[str, Any]) -> None:
    case.complaints = (*case.complaints, Complaint.from_stored(data["complaint"]))


def _classified(case: Case, data: dict[str, Any]) -> None:
    for name in ("category", "severity", "priority", "team", "owner"):
        # a value that is no text (an edited row) is named, never counted or sorted as one
        value = trusted.optional_text(data, name, "data.")
        if value is not None:
            setattr(case, name, value)
    if "tags" in data:
        case.tags = tuple(dict.fromkeys((*case.tags, *data["tags"])))


def _assigned(case: Case, data: dict[str, Any]) -> None:
    case.owner = trusted.text(data, "owner", "data.")
    team = trusted.optional_text(data, "team", "data.")
    if team is not None:
        case.team = team


def _responded(case: Case, data: dict[str, Any]) -> None:
    if case.first_response_at is None:
        case.first_response_at = parse_instant(data["at"], "at")


def _transitioned(case: Case, data: dict[str, Any]) -> None:
    target = Status(data["to"])
    at = parse_instant(data["at"], "at")
    case.status = target
    if target is Status.RESOLVED:
        case.resolved_at = None if data.get(UNTIMED) is True else at
        case.resolution = data.get("resolution") or case.resolution
    elif target is Status.CLOSED:
        case.closed_at = at
    elif target is Status.REOPENED:
        case.resolved_at = None
        case.closed_at = None
    if data.get(FIRST_ANSWER) is True and case.first_response_at is None:
        case.first_response_at = at  # the resolution was the customer's first answer


def _root_cause(case: Case, data: dict[str, Any]) -> None:
    case.root_cause = RootCause.from_stored(data)


def _satisfaction(case: Case, data: dict[str, Any]) -> None:
    case.satisfaction = Satisfaction(
        data.get("score"), data.get("comment", ""), bool(data.get("refused", False))
    )


def _fields_set(case: Case, data: dict[str, Any]) -> None:
    """A generic patch used by engines that own part of the case (SLA clocks, remedies)."""
    for name, raw in data["fields"].items():
        value = raw
        if name == "next_deadline":
            value = None if raw is None else parse_instant(raw, name)
        elif name == "tags":
            value = tuple(raw)
        elif name == "clocks":
            value = Clocks.from_json(raw)
        setattr(case, name, value)


def _facts_set(case: Case, data: dict[str, Any]) -> None:
    """Facts an agent (or a policy action) established: they join the case's attributes."""
    case.attributes = {**case.attributes, **data["facts"]}


def _sla_clock(case: Case, data: dict[str, Any]) -> None:
    """An SLA clock changed (started, paused, warned, breached, met…): the event holds its
    new state, so replaying never needs the calendar that computed it. Its metric is a
    name the engine wrote (an edited one, null or ``_marks``, would fold into no clock)."""
    metric = data["metric"]
    if not isinstance(metric, str) or not metric or metric.startswith("_"):
        raise InvalidInput("metric", f"names no metric (got {metric!r})")
    before = case.clocks.get(metric)
    case.clocks = case.clocks.with_metric(metric, ClockState.from_json(data["clock"], before))


def _sla_scheduled(case: Case, data: dict[str, Any]) -> None:
    raw = data["next_deadline"]
    case.next_deadline = None if raw is None else parse_instant(raw, "next_deadline")
    if "marks" in data:
        case.clocks = case.clocks.with_marks(marks_from_json(data["marks"]))


def _escalated(case: Case, data: dict[str, Any]) -> None:
    case.clocks = case.clocks.with_escalation(data["state"])
    case.escalation_level = max(case.escalation_level, int(data["index"]))


def _escalation_skipped(case: Case, data: dict[str, Any]) -> None:
    case.clocks = case.clocks.with_escalation(data["state"])


def _policy_migrated(case: Case, data: dict[str, Any]) -> None:
    case.policy_version = data["to"]


#: Event kinds whose data carry one SLA clock's new state (``metric``, ``clock``).
SLA_CLOCK_KINDS = (
    "sla_started",
    "sla_paused",
    "sla_resumed",
    "sla_restarted",
    "sla_stopped",
    "sla_warning",
    "sla_breached",
    "sla_rebased",
    "sla_extended",
    "sla_extension_late",
    "sla_not_extended",
)


def _deadline_promised(case: Case, data: dict[str, Any]) -> None:
    """Remember when we open if the complaint came in after hours, for what the customer
    is told (the acknowledgement, the status page)."""
    if data.get("outside_hours") is True and "opens_at" not in case.attributes:
        case.attributes = {**case.attributes, "opens_at": data["opens_at"]}


APPLIERS: dict[str, Applier] = {
    **dict.fromkeys(SLA_CLOCK_KINDS, _sla_clock),
    "sla_scheduled": _sla_scheduled,
    "escalated": _escalated,
    "escalation_skipped": _escalation_skipped,
    "policy_migrated": _policy_migrated,
    "complaint_added": _complaint_added,
    "classified": _classified,
    "assigned": _assigned,
    "responded": _responded,
    "transitioned": _transitioned,
    "root_cause": _root_cause,
    "satisfaction": _satisfaction,
    "fields_set": _fields_set,
    "facts_set": _facts_set,
    "deadline_promised": _deadline_promised,
}


#: Kinds whose appliers never read when the change happened: their data are applied as
#: they are, not copied with the event's ``at`` (a tick applies thousands).
_TIMELESS = frozenset(
    (
        "sla_scheduled",
        "escalated",
        "escalation_skipped",
        "classified",
        "assigned",
        "deadline_promised",
    )
)


def apply(case: Case, event: CaseEvent, clock: ClockState | None = None) -> None:
    """Fold one event into ``case`` in place.

    ``clock`` is the typed state an SLA clock event's ``data["clock"]`` was just written
    from (the engine's draft carries it): kept as is instead of parsed back from the JSON.
    """
    if event.seq != case.version + 1 or event.prev_hash != case.last_hash:
        raise InvalidInput(
            "event", f"event {event.seq} of case {case.id} does not follow version {case.version}"
        )
    applier = APPLIERS.get(event.kind)
    if clock is not None and applier is _sla_clock:
        case.clocks = case.clocks.with_metric(event.data["metric"], clock, event.data["clock"])
    elif applier is not None:
        data = event.data
        if "at" not in data and event.kind not in _TIMELESS:
            data = {**data, "at": iso_text(event.at)}
        applier(case, data)
    elif event.data.get("custom") is True:
        count(case, event.kind)
    elif event.kind not in RECORDED:
        raise UnknownEventKind(case.id, event.seq, event.kind)
    case.updated_at = event.at
    case.version = event.seq
    case.last_hash = event.hash


def open_case(event: CaseEvent, complaint: Complaint | None = None) -> Case:
    """Build the case an ``opened`` event describes; pass ``complaint`` if already parsed."""
    data = event.data
    case = Case(
        id=event.case_id,
        status=Status.RECEIVED,
        complaints=(complaint or Complaint.from_stored(data["complaint"]),),
        opened_at=event.at,
        updated_at=event.at,
        status_token=data["status_token"],
        policy_version=data.get("policy_version", ""),
        version=event.seq,
        last_hash=event.hash,
    )
    if event.prev_hash != GENESIS or event.seq != 1:
        raise InvalidInput(
            "event", f"case {event.case_id} must start with event 1 chained from genesis"
        )
    return case


def replay(events: Iterable[CaseEvent]) -> Case:
    """Rebuild a case from its full history."""
    iterator = iter(events)
    first = next(iterator, None)
    if first is None or first.kind != "opened":
        raise InvalidInput("events", "a case history starts with an 'opened' event")
    case = open_case(first)
    for event in iterator:
        apply(case, event)
    return case


def replay_to(events: Iterable[CaseEvent], at: datetime) -> Case | None:
    """The case as it stood at ``at``: its history replayed up to the last event made by
    then (events are stored in time order); None if it was opened later."""
    made = list(takewhile(lambda event: event.at <= at, events))
    return replay(made) if made else None


# --- compensation (owned by complaintkit.compensation; entries described in model.compensation)


def _compensation_entry(case: Case, data: dict[str, Any]) -> dict[str, Any]:
    """A copy of entry ``data["id"]`` put back in place, so earlier snapshots stay intact."""
    entries = [dict(e) for e in case.compensation]
    case.compensation = entries
    for entry in entries:
        if entry["id"] == data["id"]:
            return entry
    raise InvalidInput("compensation", f"case {case.id} has no compensation {data['id']!r}")


def _compensation_proposed(case: Case, data: dict[str, Any]) -> None:
    needed = list(data["decision"].get("approvals_needed", []))
    case.compensation = [
        *case.compensation,
        {
            "id": data["id"],
            "status": compensation.PROPOSED,
            "decision": data["decision"],
            "approvals_needed": needed,
            "approvals": [],
            "proposed_at": data["at"],
            "offered_at": None,
            "closed_at": None,
            "reason": None,
        },
    ]


def _compensation_approved(case: Case, data: dict[str, Any]) -> None:
    entry = _compensation_entry(case, data)
    entry["approvals"] = [
        *entry["approvals"],
        {"role": data["role"], "by": data["by"], "at": data["at"]},
    ]
    granted = {a["role"] for a in entry["approvals"]}
    if set(entry["approvals_needed"]) <= granted:
        entry["status"] = compensation.APPROVED


def _compensation_status(status: str) -> Applier:
    def apply_status(case: Case, data: dict[str, Any]) -> None:
        entry = _compensation_entry(case, data)
        entry["status"] = status
        if status == compensation.OFFERED:
            entry["offered_at"] = data["at"]
        else:
            entry["closed_at"] = data["at"]
            entry["reason"] = data.get("reason") or None

    return apply_status


APPLIERS.update(
    {
        "compensation_proposed": _compensation_proposed,
        "compensation_approved": _compensation_approved,
        "compensation_rejected": _compensation_status(compensation.REJECTED),
        "compensation_offered": _compensation_status(compensation.OFFERED),
        "compensation_accepted": _compensation_status(compensation.ACCEPTED),
        "compensation_declined": _compensation_status(compensation.DECLINED),
    }
)
