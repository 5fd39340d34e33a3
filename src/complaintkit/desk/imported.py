"""Opening a case for a complaint that arrives with its history (``Complaint.history``).

The case is built as if complaintkit had been there: opened at the real received time,
classified and routed by the policy then, and moved along by back-dated events at the
recorded instants (first response, resolution, closing). Every event carries
``"imported": true`` and is chained in the audit trail like any other. A case imported
closed (or rejected, withdrawn) starts no SLA clock; one imported open runs its clocks
from the real times, so the next tick catches up what fell due since. Recorded SLA
outcomes (timely or not) become stopped clocks that keep the recorded answer.

The lifecycle's rules apply from the import on: recorded moves are what happened elsewhere
and are not checked against ``TRANSITIONS``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from complaintkit.desk.classification import classification_drafts
from complaintkit.desk.fold import fold
from complaintkit.desk.history import StoredHistory
from complaintkit.model.case import Case
from complaintkit.model.clocks import ClockState
from complaintkit.model.complaint import Complaint
from complaintkit.model.drafts import SYSTEM, Draft
from complaintkit.model.events import GENESIS, CaseEvent
from complaintkit.model.history import FIRST_ANSWER, UNTIMED, open_case
from complaintkit.model.ids import new_case_id, new_status_token
from complaintkit.model.lifecycle import SOLVED, Status
from complaintkit.model.recorded import Recorded
from complaintkit.sla import clock
from complaintkit.sla.clock import Meter
from complaintkit.sla.engine import SlaEngine
from complaintkit.sla.facts import case_facts

if TYPE_CHECKING:
    from complaintkit.desk.desk import Desk
    from complaintkit.policy.catalog import Catalog

#: The actor of recorded changes whose person the record does not name.
IMPORTER = "import"

#: The recorded instant that stops a clock, by the signal the metric stops on.
_STOPPED_BY = {"responded": "first_response_at", "resolved": "resolved_at", "closed": "closed_at"}


def open_imported(
    desk: Desk, complaint: Complaint, history: StoredHistory
) -> tuple[Case, list[CaseEvent]]:
    """The case for ``complaint`` (which has ``history``) and its back-dated events."""
    record = complaint.history
    assert record is not None
    received = complaint.received_at
    opened = CaseEvent.chained(
        case_id=new_case_id(received),
        seq=1,
        kind="opened",
        at=received,
        actor=SYSTEM,
        reason=f"complaint {complaint.external_id} imported from {complaint.channel}",
        data={
            "complaint": complaint.to_json(),
            "status_token": new_status_token(),
            "policy_version": desk.policy.version,
            "imported": True,
        },
        prev_hash=GENESIS,
    )
    case = open_case(opened, complaint)
    assessment = desk.policy.assess(complaint, history.as_of(received))
    drafts = classification_drafts(desk.plugins, complaint, assessment, desk.policy.catalog)
    events = [opened, *_fold(case, drafts, received)]
    events += _fold(case, owner_recorded(record, case, desk.policy.catalog), received)
    events += _fold(case, recorded_clocks(desk.sla, case, record), received)
    engine = desk.sla if record.starts_clocks() else None
    if engine is not None:
        events += _fold(case, engine.react(case, events, received), received)
    for at, moves in milestones(case, record):
        if engine is not None:
            events += fired_before(engine, case, at)
        previous = None if engine is None else case.copy()  # levels judge the past on it
        done = _fold(case, moves, at)
        events += done
        if engine is not None:
            events += _fold(case, engine.react(case, done, at, previous), at)
    return case, events


def fired_before(engine: SlaEngine, case: Case, at: datetime) -> list[CaseEvent]:
    """What fell due by the recorded instant ``at``, each fired at its due instant, as a
    scheduler ticking on time would have: the store then says when a warning, breach or
    escalation happened, and a replay as of any instant finds what it finds. What falls
    due at ``at`` itself comes first too, as on the Desk (a change after a sweep at its
    instant): a reply at a warning's instant is warned."""
    events: list[CaseEvent] = []
    while (due := case.next_deadline) is not None and due <= at:
        events += _fold(case, engine.react(case, (), due), due)
    return events


def owner_recorded(record: Recorded, case: Case, catalog: Catalog | None) -> list[Draft]:
    """The assignment to the recorded owner and team, if the record names either. A team
    alone gets its ``default_owner``, as a routing row naming only a team does (or keeps
    the routed owner when the policy names none)."""
    if record.owner is None and record.team is None:
        return []
    default = None if catalog is None else catalog.default_owner(record.team)
    owner = record.owner or default or case.owner
    data = {"owner": owner, "team": record.team}
    return [Draft("assigned", data, "owner recorded by the previous system", IMPORTER)]


def _fold(case: Case, drafts: Sequence[Draft], at: datetime) -> list[CaseEvent]:
    return fold(case, [attrs.evolve(d, data={**d.data, "imported": True}) for d in drafts], at)


def _actor(record: Recorded) -> str:
    return record.owner or IMPORTER


def _last_known(case: Case, record: Recorded) -> datetime:
    return max([case.opened_at, *record.instants()])


def milestones(case: Case, record: Recorded) -> list[tuple[datetime, list[Draft]]]:
    """The recorded moves in time order, each with the drafts that make it."""
    steps: list[tuple[datetime, list[Draft]]] = []
    status = case.status
    actor = _actor(record)

    def move(
        to: Status, reason: str, extra: dict[str, str] | None = None, *, timed: bool = True
    ) -> Draft:
        nonlocal status
        data: dict[str, Any] = {"from": status.value, "to": to.value, **(extra or {})}
        if timed and to in SOLVED and record.first_response_at is None:
            data[FIRST_ANSWER] = True  # solved unanswered, at a recorded time: answered then
        if not timed:
            data[UNTIMED] = True  # kept at the last known instant, which is not its time
        draft = Draft("transitioned", data, reason, actor)
        status = to
        return draft

    if record.first_response_at is not None:
        drafts = [
            Draft(
                "responded",
                {"message": record.response or "", "visible": True},
                "first response recorded by the previous system",
                actor,
            )
        ]
        if status is Status.RECEIVED:
            drafts.append(move(Status.ACKNOWLEDGED, "first response sent"))
        steps.append((record.first_response_at, drafts))
    if record.resolved_at is not None:
        outcome = {"resolution": record.outcome} if record.outcome else {}
        steps.append((record.resolved_at, [move(Status.RESOLVED, "resolved", outcome)]))
    if record.closed_at is not None:
        steps.append((record.closed_at, [move(Status.CLOSED, "closed")]))
    if record.status is not None and record.status is not status:
        extra = {"resolution": record.outcome} if record.outcome else {}
        reason = "status recorded by the previous system (time not recorded)"
        moved = move(record.status, reason, extra, timed=False)  # no answer time made up
        steps.append((_last_known(case, record), [moved]))
    untimed = []  # recorded without a time: kept at the last known instant
    if record.response and record.first_response_at is None:
        reason = "response recorded by the previous system (time not recorded)"
        untimed.append(Draft("noted", {"text": record.response}, reason, actor))
    if record.outcome and status is not Status.RESOLVED and record.resolved_at is None:
        # ended without a recorded resolution time: the outcome is still how it ended
        fields = {"fields": {"resolution": record.outcome}}
        reason = "outcome recorded by the previous system"
        untimed.append(Draft("fields_set", fields, reason, actor))
    if untimed and not steps:
        steps.append((_last_known(case, record), []))
    if untimed:
        steps[-1][1].extend(untimed)
    return steps


def recorded_clocks(engine: SlaEngine | None, case: Case, record: Recorded) -> list[Draft]:
    """A stopped clock per recorded SLA outcome, holding the recorded answer.

    With the policy's target for the metric the clock has its real budget and due instant;
    without one, its budget is the time it took. A late outcome is breached at the due
    instant (or when it stopped, if that is all we know).
    """
    drafts = []
    for metric, timely in record.sla.items():
        stop_at = _stop_instant(engine, metric, record)
        end = stop_at or _last_known(case, record)
        state, meter = _started(engine, case, metric, end)
        due = state.due_at or end  # after the end rule: 24:00 of the last day, rolled
        if not timely:
            state = clock.breach(state, due)
            end = max(end, due) if stop_at is None else end
        state = clock.stop(state, meter, end, met=timely or stop_at is not None)
        recorded = attrs.evolve(state, recorded=True)
        drafts.append(
            Draft(
                "sla_stopped",
                {"metric": metric, "clock": recorded.to_json()},
                f"{metric} {'met' if timely else 'missed'} as recorded by the previous system",
            )
        )
    return drafts


def _stop_instant(engine: SlaEngine | None, metric: str, record: Recorded) -> datetime | None:
    spec = None if engine is None else engine.policy.metrics.get(metric)
    signals = spec.stop if spec is not None else frozenset({metric.removesuffix("_at")})
    names = [_STOPPED_BY[s] for s in sorted(signals) if s in _STOPPED_BY]
    if not names and metric in ("first_response", "response"):
        names = ["first_response_at"]
    found = [at for name in names if (at := getattr(record, name)) is not None]
    return min(found, default=None)


def _started(
    engine: SlaEngine | None, case: Case, metric: str, end: datetime
) -> tuple[ClockState, Meter]:
    facts = case_facts(case)
    target = None if engine is None else engine.target(metric, facts)
    received = case.opened_at
    if engine is not None and target is not None:
        state = engine._start(
            metric, target, received, facts, f"received_at {received.isoformat()}"
        )
        return state, engine.meter(state)
    meter = Meter(None)
    state = clock.start(
        received,
        target="as recorded",
        calendar=None,
        business=False,
        budget=meter.measure(received, end),
        meter=meter,
    )
    return state, meter
