"""The SLA engine: after every change (and at every tick) it turns what happened into clock
and escalation events, and says when it next needs to look at the case.

``react(case, events, now)`` runs five steps on a working copy of the case's clock state
and returns drafts whose data carry each new state, so the events alone replay the case:

1. migrate a case opened under an older policy version, if this version says how;
2. fire what fell due at or before ``now`` — warnings, breaches, timed escalation levels —
   in the order they fell due (this is how a late tick catches up);
3. read the change's events as signals: start, stop, restart, pause, resume, reopen clocks;
4. fire what step 3 made due at once, and escalation levels whose condition now holds;
5. record the earliest pending instant as ``case.next_deadline`` (``sla_scheduled``).

Events are stamped with the time they were noticed (the tick's ``now``); each warning,
breach and escalation also records ``due_at``, the instant it fell due, and a breach's
``breached_at`` is that instant, so reports never depend on when the tick ran.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from complaintkit.model.case import Case
from complaintkit.model.complaint import parse_instant
from complaintkit.model.drafts import Draft
from complaintkit.model.events import CaseEvent
from complaintkit.model.lifecycle import TERMINAL, Status
from complaintkit.policy.facts import Facts
from complaintkit.sla import clock
from complaintkit.sla.clock import Meter, State
from complaintkit.sla.escalation import Ladder, Level
from complaintkit.sla.facts import case_facts
from complaintkit.sla.metrics import MetricSpec, Reopen, Target
from complaintkit.sla.policy import SlaPolicy

_US = timedelta(microseconds=1)
MARKS = "_marks"
ESCALATION = "_escalation"
_STATUSES = {status.value: status for status in Status}


def signals(event: CaseEvent) -> tuple[str, ...]:
    """The signals one event sends to clocks (see ``complaintkit.sla.metrics``)."""
    if event.kind == "transitioned":
        return (str(event.data["to"]),)
    if event.kind == "responded" and not event.data.get("visible", True):
        return ()
    return (event.kind,)


def metric_states(clocks: dict[str, Any]) -> dict[str, State]:
    """The per-metric entries of ``case.clocks`` (the engine's bookkeeping starts with _)."""
    return {name: state for name, state in clocks.items() if not name.startswith("_")}


class _Work:
    """One reaction's working copy of a case's SLA state, and the drafts it produced."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self.clocks = metric_states(case.clocks)
        self.marks: dict[str, str] = dict(case.clocks.get(MARKS, {}))
        self.escalation: dict[str, Any] = dict(case.clocks.get(ESCALATION, {}))
        self.drafts: list[Draft] = []
        self._facts: Facts | None = None

    @property
    def facts(self) -> Facts:
        if self._facts is None:
            self._facts = case_facts(self.case)
        return self._facts

    def clock(self, kind: str, metric: str, state: State, reason: str, **extra: Any) -> None:
        self.clocks[metric] = state
        self.drafts.append(Draft(kind, {"metric": metric, "clock": state, **extra}, reason))


class SlaEngine:
    """Runs one compiled ``SlaPolicy`` for a Desk whose policy has ``version``."""

    def __init__(self, policy: SlaPolicy, version: str = "") -> None:
        self.policy = policy
        self.version = version
        self._marked = frozenset(
            level.trigger.since
            for ladder in policy.ladders
            for level in ladder.levels
            if level.trigger.since is not None
        )

    # --- the entry point ---------------------------------------------------------------

    def react(self, case: Case, events: Sequence[CaseEvent], now: datetime) -> list[Draft]:
        """Drafts that bring the case's clocks and escalation up to date with ``events``."""
        work = _Work(case)
        self._migrate(work, now)
        self._fire_due(work, now)
        if events:
            for event in events:
                for signal in signals(event):
                    self._signal(work, signal, event.at)
            self._fire_due(work, now)
        self._fire_conditions(work, now)
        self._schedule(work, now)
        return work.drafts

    # --- arithmetic --------------------------------------------------------------------

    def meter(self, state: State) -> Meter:
        if not state["business"]:
            return Meter(None)
        return Meter(self.policy.calendars[state["calendar"] or self.policy.default_calendar])

    def target(self, metric: str, facts: Facts) -> Target | None:
        """The first target row that matches the case and names ``metric``."""
        for row in self.policy.targets:
            found = row.targets.get(metric)
            if found is not None and (row.when is None or row.when(facts)):
                return found
        return None

    def _start(self, metric: str, target: Target, now: datetime, **cycle: Any) -> State:
        calendar = self.policy.calendars[target.calendar or self.policy.default_calendar]
        due = calendar.deadline(now, target.duration)
        meter = Meter(calendar if target.duration.business else None)
        budget = meter.measure(now, due)
        thresholds = {}
        for point in self.policy.warnings_for(metric, target):
            offset = point.offset(budget)
            if offset is not None:
                thresholds[point.label] = offset
        return clock.start(
            now,
            target=target.text,
            calendar=target.calendar or self.policy.default_calendar,
            business=target.duration.business,
            budget_us=budget,
            thresholds=thresholds,
            meter=meter,
            **cycle,
        )

    # --- step 1: policy versions -------------------------------------------------------

    def _migrate(self, work: _Work, now: datetime) -> None:
        case, migration = work.case, self.policy.migration
        if (
            migration is None
            or not case.is_open
            or case.policy_version == self.version
            or not migration.applies_to(case.policy_version)
        ):
            return
        reason = f"policy {case.policy_version or '?'} → {self.version} ({migration.mode})"
        if migration.mode != "keep":
            for metric, old in list(work.clocks.items()):
                target = self.target(metric, work.facts)
                if old["state"] == "stopped" or target is None:
                    continue
                new = self._start(metric, target, now, cycle=old["cycle"], cycles=old["cycles"])
                if migration.mode == "rebase_keep_elapsed":
                    kept = {
                        "elapsed_us": clock.elapsed(old, self.meter(old), now),
                        "warned": list(old["warned"]),
                        "breached_at": old["breached_at"],
                    }
                    new = clock.with_due({**new, **kept}, self.meter(new))
                if old["state"] == "paused":
                    new = clock.pause(new, self.meter(new), now)
                work.clock("sla_rebased", metric, new, f"{metric} re-based: {reason}")
        work.drafts.append(
            Draft(
                "policy_migrated",
                {"from": case.policy_version, "to": self.version, "mode": migration.mode},
                reason,
            )
        )

    # --- steps 2 and 4: what falls due ------------------------------------------------

    def ladder(self, work: _Work) -> Ladder | None:
        """The case's ladder: the one it already climbed, else the first whose condition holds."""
        name = work.escalation.get("ladder")
        for ladder in self.policy.ladders:
            if name == ladder.name or (
                name is None and (ladder.when is None or ladder.when(work.facts))
            ):
                return ladder
        return None

    def pending(self, work: _Work) -> list[tuple[datetime, int, str, str, Any]]:
        """Every instant the engine waits for: (instant, order, kind, metric/ladder, detail)."""
        items: list[tuple[datetime, int, str, str, Any]] = []
        for metric, state in work.clocks.items():
            if state["state"] != "running":
                continue
            meter = self.meter(state)
            for label, offset in state["thresholds"].items():
                if label not in state["warned"]:
                    at = clock.instant_at(state, meter, offset)
                    assert at is not None
                    items.append((at, 0, "warning", metric, label))
            if state["breached_at"] is None:
                items.append((parse_instant(state["due_at"], "due_at"), 1, "breach", metric, None))
        ladder = self.ladder(work)
        if ladder is not None:
            fired = work.escalation.get("fired", {})
            for level in ladder.levels:
                if level.name in fired:
                    continue
                at = self._level_instant(work, level)
                if at is not None:
                    items.append((at, 2 + level.index, "level", ladder.name, level))
        items.sort(key=lambda item: item[:2])
        return items

    def _level_instant(self, work: _Work, level: Level) -> datetime | None:
        trigger = level.trigger
        if trigger.sla is not None:
            state = work.clocks.get(trigger.sla)
            if state is None or trigger.fraction is None:
                return None
            return clock.instant_at(
                state, self.meter(state), int(state["budget_us"] * trigger.fraction)
            )
        if trigger.since is not None:
            mark = work.marks.get(trigger.since)
            if mark is None:
                return None
            calendar = self.policy.calendars[trigger.calendar or self.policy.default_calendar]
            return trigger.since_instant(parse_instant(mark, "mark"), calendar)
        return None

    def _fire_due(self, work: _Work, now: datetime) -> None:
        for at, _, kind, name, detail in self.pending(work):
            if at > now:
                break
            if kind == "warning":
                state = work.clocks[name]
                work.clock(
                    "sla_warning",
                    name,
                    clock.warn(state, detail),
                    f"{name}: {detail} of {state['target']} used; due {state['due_at']}",
                    label=detail,
                    due_at=at.isoformat(),
                )
            elif kind == "breach":
                state = work.clocks[name]
                work.clock(
                    "sla_breached",
                    name,
                    clock.breach(state, at),
                    f"{name} breached: {state['target']} ran out at {at.isoformat()}",
                    due_at=at.isoformat(),
                )
            else:
                self._fire_level(work, detail, now, at)

    def _fire_level(self, work: _Work, level: Level, now: datetime, due: datetime | None) -> None:
        ladder = self.ladder(work)
        if (
            ladder is None
            or level.name in work.escalation.get("fired", {})
            or not level.guard(work.facts)
        ):
            return
        drafts = ladder.fire(level, work.escalation, now, due)
        work.escalation = drafts[0].data["state"]
        work.drafts.extend(drafts)

    def _fire_conditions(self, work: _Work, now: datetime) -> None:
        ladder = self.ladder(work)
        if ladder is None:
            return
        for level in ladder.levels:
            condition = level.trigger.condition
            if (
                condition is not None
                and level.name not in work.escalation.get("fired", {})
                and condition(work.facts)
            ):
                self._fire_level(work, level, now, None)

    # --- step 3: signals ---------------------------------------------------------------

    def _signal(self, work: _Work, signal: str, at: datetime) -> None:
        if signal in self._marked:
            work.marks[signal] = at.isoformat()
        status = _STATUSES.get(signal)
        for spec in self.policy.metrics.values():
            self._metric_signal(work, spec, signal, status, at)

    def _metric_signal(
        self, work: _Work, spec: MetricSpec, signal: str, status: Status | None, at: datetime
    ) -> None:
        name, state = spec.name, work.clocks.get(spec.name)
        active = state is not None and state["state"] != "stopped"
        if state is not None and active and signal in spec.stop:
            stopped = clock.stop(state, self.meter(state), at, met=True)
            work.clock(
                "sla_stopped",
                name,
                stopped,
                f"{name} {'met' if stopped['outcome'] == 'met' else 'met late'} ({signal})",
            )
            return
        if state is not None and active and status in TERMINAL:
            work.clock(
                "sla_stopped",
                name,
                clock.stop(state, self.meter(state), at, met=False),
                f"{name} stopped: case {signal}",
            )
            return
        if state is not None and active and signal in spec.restart:
            self._fresh(
                work,
                spec,
                at,
                "sla_restarted",
                f"{name} restarted ({signal})",
                cycle=state["cycle"],
                cycles=state["cycles"],
            )
            return
        if state is not None and not active and status is Status.REOPENED:
            self._reopen(work, spec, state, at)
            return
        if state is None and signal in spec.start:
            self._fresh(work, spec, at, "sla_started", f"{name} started ({signal})")
            return
        if state is not None and active and status is not None:
            meter = self.meter(state)
            if status in spec.pause_in and state["state"] == "running":
                work.clock(
                    "sla_paused", name, clock.pause(state, meter, at), f"{name} paused: {signal}"
                )
            elif status not in spec.pause_in and state["state"] == "paused":
                work.clock(
                    "sla_resumed", name, clock.resume(state, meter, at), f"{name} resumed: {signal}"
                )

    def _fresh(
        self, work: _Work, spec: MetricSpec, at: datetime, kind: str, reason: str, **cycle: Any
    ) -> None:
        target = self.target(spec.name, work.facts)
        if target is None:
            return
        state = self._start(spec.name, target, at, **cycle)
        work.clock(kind, spec.name, state, f"{reason}: {target.text}, due {state['due_at']}")
        if spec.promise and kind == "sla_started":
            self._promise(work, spec.name, target, state)

    def _reopen(self, work: _Work, spec: MetricSpec, state: State, at: datetime) -> None:
        name = spec.name
        if spec.reopen is Reopen.RESUME:
            running = {
                **state,
                "state": "running",
                "resumed_at": at.isoformat(),
                "met_at": None,
                "stopped_at": None,
                "outcome": None,
            }
            work.clock(
                "sla_resumed",
                name,
                clock.with_due(running, self.meter(running)),
                f"{name} resumed: case reopened",
            )
        elif spec.reopen is Reopen.RESTART:
            self._fresh(
                work,
                spec,
                at,
                "sla_restarted",
                f"{name} restarted: case reopened",
                cycle=state["cycle"],
                cycles=state["cycles"],
            )
        else:
            cycles = [*state["cycles"], clock.summary(state)]
            self._fresh(
                work,
                spec,
                at,
                "sla_started",
                f"{name} cycle {state['cycle'] + 1}: case reopened",
                cycle=state["cycle"] + 1,
                cycles=cycles,
            )

    def _promise(self, work: _Work, metric: str, target: Target, state: State) -> None:
        """Tell the customer when to expect us, saying so when they wrote after hours."""
        received = work.case.complaint.received_at
        calendar = self.policy.calendars[target.calendar or self.policy.default_calendar]
        outside = not calendar.is_working(received)
        opens = calendar.next_working_instant(received)
        due = state["due_at"]
        reason = f"{metric} promised by {due}"
        if outside:
            reason = f"received outside working hours; we open at {opens.isoformat()}; {reason}"
        work.drafts.append(
            Draft(
                "deadline_promised",
                {
                    "metric": metric,
                    "due_at": due,
                    "target": target.text,
                    "received_at": received.isoformat(),
                    "outside_hours": outside,
                    "opens_at": opens.isoformat(),
                    "calendar": target.calendar or self.policy.default_calendar,
                },
                reason,
            )
        )

    # --- step 5: the next deadline -----------------------------------------------------

    def _schedule(self, work: _Work, now: datetime) -> None:
        upcoming = [item[0] for item in self.pending(work) if item[0] > now]
        deadline = min(upcoming, default=None)
        data: dict[str, Any] = {"next_deadline": None if deadline is None else deadline.isoformat()}
        if work.marks != work.case.clocks.get(MARKS, {}):
            data["marks"] = work.marks
        if deadline != work.case.next_deadline or "marks" in data:
            reason = (
                "no SLA deadline pending"
                if deadline is None
                else f"next SLA check at {data['next_deadline']}"
            )
            work.drafts.append(Draft("sla_scheduled", data, reason))
