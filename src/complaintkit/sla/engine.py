"""The SLA engine: after every change (and at every tick) it turns what happened into clock
and escalation events, and says when it next needs to look at the case.

``react(case, events, now)`` runs five steps on a working copy of the case's clock state
and returns drafts whose data carry each new state, so the events alone replay the case:

1. on a change, or before a migration, fire what fell due before ``now`` — warnings,
   breaches, timed escalation levels — in the order they fell due (this is how a late
   tick catches up), judging level guards on the case as it was before this change (the
   Desk sweeps at ``now`` before a change, so for it nothing is left to fire here);
2. migrate a case opened under an older policy version, if this version says how (a
   deadline the old clock missed is recorded as missed first);
3. read the change's events as signals: start, stop, restart, pause, resume, extend and
   reopen clocks (a clock opened with the case starts when the complaint was received);
4. fire what is now due, and escalation levels whose condition now holds, again and again
   until nothing more fires (a level's actions can satisfy a later level's guard); a
   breach falls due *after* its instant, so a response at the deadline meets it whether or
   not a sweep ran at that instant;
5. record the earliest pending instant as ``case.next_deadline`` (``sla_scheduled``); a
   breach at ``now`` is next looked at a microsecond later.

A timed level whose ``when`` guard is false at the instant it falls due is skipped for
good (``escalation_skipped``); a closed, rejected or withdrawn case is never escalated.

Events are stamped with the time they were noticed (the tick's ``now``); each warning,
breach and escalation also records ``due_at``, the instant it fell due, and a breach's
``breached_at`` is that instant, so reports never depend on when the tick ran.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from functools import partial
from typing import Any

import attrs

from complaintkit.model.case import Case
from complaintkit.model.clocks import ClockState, Cycle, Extension, fixed
from complaintkit.model.drafts import Draft
from complaintkit.model.events import CaseEvent
from complaintkit.model.instants import iso_text
from complaintkit.model.lifecycle import TERMINAL, Status
from complaintkit.policy.facts import Facts
from complaintkit.sla import clock, reckoning
from complaintkit.sla.clock import Meter
from complaintkit.sla.durations import first_close_as_stored
from complaintkit.sla.escalation import Level
from complaintkit.sla.metrics import MetricSpec, Reopen, Target
from complaintkit.sla.pending import Pending, overdue
from complaintkit.sla.policy import SlaPolicy
from complaintkit.sla.promise import promised
from complaintkit.sla.shown_zone import declared_zones, shown_zone
from complaintkit.sla.starts import Plans
from complaintkit.sla.timeline import Timeline, local_text
from complaintkit.sla.work import Seen, Work

_STATUSES = {status.value: status for status in Status}
_US = timedelta(microseconds=1)


def signals(event: CaseEvent) -> tuple[str, ...]:
    """The signals one event sends to clocks (see ``complaintkit.sla.metrics``)."""
    if event.kind == "transitioned":
        return (str(event.data["to"]),)
    if event.kind == "responded" and not event.data.get("visible", True):
        return ()
    return (event.kind,)


def _reopened_unclocked(spec: MetricSpec, status: Status | None) -> bool:
    """Reopened with no clock for a metric run from opening (imported closed): time it."""
    return status is Status.REOPENED and "opened" in spec.start and spec.reopen is not Reopen.KEEP


def _status_before(events: Sequence[CaseEvent], after: Status) -> Status:
    """The case's status before ``events``, whose result is ``after``."""
    for event in events:
        if event.kind == "transitioned":
            return _STATUSES.get(str(event.data["from"]), after)
    return after


def _guard_holds(level: Level, work: Work) -> bool:
    """Whether ``level``'s ``when`` guard holds; the case's facts are only built for a
    guard to read (most levels have none)."""
    return level.when is None or level.when(work.facts)


class SlaEngine:
    """Runs one compiled ``SlaPolicy`` for a Desk whose policy has ``version``."""

    def __init__(self, policy: SlaPolicy, version: str = "") -> None:
        self.policy = policy
        self.version = version
        self._meters: dict[tuple[str | None, bool, str, bool, bool], Meter] = {}
        self._zones = declared_zones(policy)
        self.due = Pending(policy, self.meter)
        self._plans = Plans(policy, self.calendar, self._meter)
        self._marked = frozenset(
            level.trigger.since
            for ladder in policy.ladders
            for level in ladder.levels
            if level.trigger.since is not None
        )
        #: whether any level fires on a condition rather than at an instant
        self._conditional = any(
            level.trigger.condition is not None
            for ladder in policy.ladders
            for level in ladder.levels
        )

    # --- the entry point ---------------------------------------------------------------

    def react(
        self, case: Case, events: Sequence[CaseEvent], now: datetime, before: Case | None = None
    ) -> list[Draft]:
        """Drafts that bring the case's clocks and escalation up to date with ``events``;
        ``before`` is the case as it was before them, so a level that fell due earlier is
        judged on the case of that time."""
        now = fixed(now)
        work = Work(case, before)
        if events or self._migrates(case):  # a breach before a migration is the old clock's
            work.judging_before = True
            self._fire_due(work, now, strict=True)
            work.judging_before = False
        self._migrate(work, now)
        if events:
            work.status = _status_before(events, case.status)
            for event in events:
                for signal in signals(event):
                    self._signal(work, signal, self._signal_instant(work, event))
        self._settle(work, now)
        self._schedule(work, now)
        return work.drafts

    def due_by(self, case: Case, now: datetime) -> bool:
        """Whether a sweep at ``now`` would fire anything on ``case``: its next deadline has
        come, or one its schedule, made under another policy version, does not know of."""
        now, scheduled = fixed(now), case.next_deadline
        if scheduled is not None and scheduled <= now:
            return True
        first = self.due.earliest(Work(case))
        return first is not None and first <= now

    def _signal_instant(self, work: Work, event: CaseEvent) -> datetime:
        """When a signal happened: the opening of a case counts from the complaint's
        receipt, whenever it was taken in."""
        if event.kind == "opened":
            return fixed(work.case.complaint.received_at)
        return fixed(event.at)

    # --- arithmetic --------------------------------------------------------------------

    def calendar(self, name: str | None) -> Timeline:
        """A calendar by name; one a newer policy dropped falls back to the default."""
        calendars = self.policy.calendars
        return calendars.get(name or "") or calendars[self.policy.default_calendar]

    def zone(self, case: Case, state: ClockState | None = None) -> tzinfo:
        """Where the reasons about ``state``'s clock (``case``'s, without one) give instants:
        where people read them (``sla.shown_zone``), never the built-in 24x7's UTC."""
        return shown_zone(case, self._zones, None if state is None else state.calendar)

    def meter(self, state: ClockState) -> Meter:
        hours = first_close_as_stored(state.target)  # reckoning reads it at close_of_business only
        return self._meter(state.calendar, state.business, state.end, state.roll, hours)

    def _meter(
        self, name: str | None, business: bool, end: str, roll: bool, hours: bool = False
    ) -> Meter:
        """How a clock on ``name`` counts and ends, built once; ``hours``: not in days."""
        key = (name, business, end, roll, hours)
        found = self._meters.get(key)
        if found is None:
            calendar = self.calendar(name)
            finish = None
            if end != "exact" or roll:
                rules = reckoning.Rules(end=end, roll=roll, closes=business, hours=hours)
                finish = partial(reckoning.finish, rules, calendar)
            days = None if business or hours or end == "exact" else calendar.zone
            found = self._meters[key] = Meter(calendar if business else None, finish, days)
        return found

    def target(self, metric: str, facts: Facts) -> Target | None:
        """The first target row that matches the case and names ``metric``."""
        for row in self.policy.targets:
            found = row.targets.get(metric)
            if found is not None and (row.when is None or row.when(facts)):
                return found
        return None

    def calendar_for(self, target: Target, facts: Facts | None) -> tuple[str, str]:
        """The calendar a target counts on for this case, and why."""
        if target.choice is not None:
            return target.choice.choose(facts)
        return target.calendar or self.policy.default_calendar, "the target's calendar"

    def _start(
        self,
        metric: str,
        target: Target,
        at: datetime,
        facts: Facts | None,
        why: str,
        opened: bool = True,  # a ``from`` field starts the case's clocks, not a later signal's
        **cycle: Any,
    ) -> ClockState:
        name, calendar_why = self.calendar_for(target, facts)
        plan, rules = self._plans.plan(metric, target, name), target.rules
        calendar, meter, duration = plan.calendar, plan.meter, target.duration
        start, why = reckoning.start_instant(rules, facts if opened else None, at, calendar, why)
        raw = calendar.deadline(start, duration)
        return clock.start(
            start,
            target=target.text,
            calendar=name,
            business=duration.business,
            budget=meter.measure(start, raw),
            warnings=plan.warnings,
            meter=meter,
            row=target.row,
            start_reason=why,
            calendar_reason=calendar_why if target.choice is not None else None,
            end=rules.end,
            roll=rules.roll,
            extensions=plan.extensions,
            pause_in=plan.pause_in,
            holiday_data=calendar.holiday_data(start, clock.reach(meter, raw)),
            **cycle,
        )

    # --- step 2: policy versions -------------------------------------------------------

    def _migrates(self, case: Case) -> bool:
        """Whether this version's ``sla.migrate`` applies to the open ``case``."""
        migration = self.policy.migration
        return (
            migration is not None
            and case.is_open
            and case.policy_version != self.version
            and migration.applies_to(case.policy_version)
        )

    def _migrate(self, work: Work, now: datetime) -> None:
        case, migration = work.case, self.policy.migration
        if migration is None or not self._migrates(case):
            return
        reason = f"policy {case.policy_version or '?'} → {self.version} ({migration.mode})"
        keeps = migration.mode == "rebase_keep_elapsed"
        if migration.mode != "keep":
            for metric, old in list(work.clocks.items()):
                target = self.target(metric, work.facts)
                if old.state == "stopped" or target is None:
                    continue
                resumes = max(now, old.started_at)  # one waiting for the next opening waits on
                new = self._start(  # now, wherever it first started; keeping the time used,
                    metric,  # from its start: the new target counted from now lacks it already
                    attrs.evolve(
                        target,
                        rules=attrs.evolve(target.rules, start_field=None, after_hours=False),
                    ),
                    old.started_at if keeps else resumes,
                    work.facts,
                    f"re-based at the move to policy {self.version}",
                    cycle=old.cycle,
                    cycles=old.cycles,
                )
                new = self._granted(metric, old, new, work.facts)
                if keeps:
                    kept = clock.kept_time(old, new, self.meter(new), now).but(
                        warned=clock.renamed(old.warned, self.policy.warnings_for(metric, target)),
                        breached_at=old.breached_at,
                    )
                    new = clock.with_due(kept, self.meter(new))
                if old.state == "paused":
                    new = clock.pause(new, self.meter(new), now)
                work.clock("sla_rebased", metric, new, f"{metric} re-based: {reason}")
        work.drafts.append(
            Draft(
                "policy_migrated",
                {"from": case.policy_version, "to": self.version, "mode": migration.mode},
                reason,
            )
        )

    def _granted(self, metric: str, old: ClockState, new: ClockState, facts: Facts) -> ClockState:
        """``new`` with the extensions ``old`` was granted: the new target's extension for
        the same signal where it has one, else the one granted."""
        for record in old.extended:
            granted = record.extension
            extension = next((e for e in new.extensions if e.upon == granted.upon), granted)
            new = self._lengthened(metric, new, extension, record.at, facts)
        return new

    # --- steps 1 and 4: what falls due ------------------------------------------------

    def _settle(self, work: Work, now: datetime) -> None:
        """Fire what is due, then what conditions now hold, until no condition fires."""
        while True:  # a pass of ``_fire_due`` leaves nothing due
            self._fire_due(work, now)
            count = len(work.drafts)
            self._fire_conditions(work, now)
            if len(work.drafts) == count:
                return

    def _fire_due(self, work: Work, now: datetime, *, strict: bool = False) -> None:
        """Fire, in time order, what fell due by ``now`` (before it if ``strict``) until
        nothing is: a fired level can change what later guards read, so the list is rebuilt.

        A case whose scheduled deadline has come (what a tick claims) lists its pending
        instants at once: asking for the earliest first would only work them out twice."""
        scheduled = work.case.next_deadline
        if scheduled is None or scheduled > now:
            first = self.due.earliest(work)
            if first is None or first > now or (strict and first == now):
                return  # nothing is due (a case just opened): no list of every pending instant
        while True:
            items = self.due.items(work, now)
            due = [
                item
                for item in items
                if item[0] < now or (not strict and item[0] == now and not overdue(item))
            ]
            for at, _, kind, name, detail in due:
                if kind == "warning":
                    state = work.clocks[name]
                    work.clock(
                        "sla_warning",
                        name,
                        clock.warn(state, detail),
                        f"{name}: {detail} of {state.target} used; "
                        f"due {local_text(state.due_at, self.zone(work.case, state))}",
                        changed="warned",
                        label=detail,
                        due_at=iso_text(at),
                    )
                elif kind == "breach":
                    state = work.clocks[name]
                    work.clock(
                        "sla_breached",
                        name,
                        clock.breach(state, at),
                        f"{name} breached: {state.target} ran out at "
                        f"{local_text(at, self.zone(work.case, state))}",
                        changed="breached_at",
                        due_at=iso_text(at),
                    )
                else:
                    if _guard_holds(detail, work):
                        self._fire_level(work, detail, now, at)
                        self._conditions_settled(work, now)  # as a sweep at ``at`` would
                    else:
                        self._skip_level(work, detail, at)
                    break
            else:
                rest = items[len(due) :]  # warnings and breaches only drop themselves
                work.earliest_seen = Seen(work, rest[0][0] if rest else None)
                return

    def _fire_level(self, work: Work, level: Level, now: datetime, due: datetime | None) -> None:
        ladder = self.due.ladder(work)
        if (
            ladder is None
            or not work.judged.is_open
            or level.name in work.escalation.get("fired", {})
            or not _guard_holds(level, work)
        ):
            return
        drafts = ladder.fire(level, work.escalation, now, due, work.judged)
        work.escalation = drafts[0].data["state"]
        done = {**work.escalation.get("fired", {}), **work.escalation.get("skipped", {})}
        visible = any(other.name not in done for other in ladder.levels)
        for draft in drafts:  # a ``since`` level counts from when a timely sweep fired it
            work.add(draft, now, visible=visible)
            if draft.kind in self._marked:
                work.marks[draft.kind] = max(work.marks.get(draft.kind, due or now), due or now)

    def _skip_level(self, work: Work, level: Level, due: datetime) -> None:
        """A timed level whose guard is false when it falls due never fires later."""
        ladder = self.due.ladder(work)
        assert ladder is not None
        skipped = {**work.escalation.get("skipped", {}), level.name: iso_text(due)}
        work.escalation = {**work.escalation, "ladder": ladder.name, "skipped": skipped}
        reason = (
            f"escalation {ladder.name}/{level.name} skipped: its condition did not hold "
            f"when it fell due at {local_text(due, self.zone(work.case))}"
        )
        data = {"ladder": ladder.name, "level": level.name, "due_at": iso_text(due)}
        work.add(Draft("escalation_skipped", {**data, "state": work.escalation}, reason), due)

    def _conditions_settled(self, work: Work, now: datetime) -> None:
        """Fire condition levels until none more holds: one's actions can make another,
        earlier in the ladder, hold, as ``_settle``'s passes find at a sweep."""
        while True:
            count = len(work.drafts)
            self._fire_conditions(work, now)
            if len(work.drafts) == count:
                return

    def _fire_conditions(self, work: Work, now: datetime) -> None:
        if not self._conditional:
            return
        ladder = self.due.ladder(work)
        if ladder is None or not work.judged.is_open:
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

    def _signal(self, work: Work, signal: str, at: datetime) -> None:
        if signal in self._marked:
            work.marks[signal] = at
        status = _STATUSES.get(signal)
        if status is not None:
            work.status = status
        for spec in self.policy.metrics.values():
            self._metric_signal(work, spec, signal, status, at)

    def _metric_signal(
        self, work: Work, spec: MetricSpec, signal: str, status: Status | None, at: datetime
    ) -> None:
        name, state = spec.name, work.clocks.get(spec.name)
        if state is None:  # most signals reach a metric with no clock, and start none
            if signal in spec.start or _reopened_unclocked(spec, status):
                self._fresh(work, spec, at, "sla_started", f"{name} started ({signal})")
            return
        if state.state == "stopped":
            if status is Status.REOPENED and spec.reopen is not Reopen.KEEP:
                self._reopen(work, spec, state, at)
            return
        if state.extensions:
            state = self._extend(work, name, state, signal, at)
        if signal in spec.stop:
            stopped = clock.stop(state, self.meter(state), at, met=True)
            work.clock(
                "sla_stopped",
                name,
                stopped,
                f"{name} {'met' if stopped.outcome == 'met' else 'met late'} ({signal})",
            )
            return
        if status in TERMINAL:
            work.clock(
                "sla_stopped",
                name,
                clock.stop(state, self.meter(state), at, met=False),
                f"{name} stopped: case {signal}",
            )
            return
        if signal in spec.restart:
            self._fresh(
                work,
                spec,
                at,
                "sla_restarted",
                f"{name} restarted ({signal})",
                cycle=state.cycle,
                cycles=state.cycles,
            )
            return
        if status is not None:
            meter = self.meter(state)
            pause_in = spec.pause_in if state.pause_in is None else frozenset(state.pause_in)
            if status in pause_in and state.state == "running":
                work.clock(
                    "sla_paused", name, clock.pause(state, meter, at), f"{name} paused: {signal}"
                )
            elif status not in pause_in and state.state == "paused":
                work.clock(
                    "sla_resumed", name, clock.resume(state, meter, at), f"{name} resumed: {signal}"
                )

    def _fresh(
        self, work: Work, spec: MetricSpec, at: datetime, kind: str, reason: str, **cycle: Any
    ) -> None:
        target = self.target(spec.name, work.facts)
        if target is None:
            return
        opened = reason.endswith("(opened)")  # a restart or new cycle counts from ``at``
        if opened:
            why = f"received_at {iso_text(work.case.complaint.received_at)}"
        else:
            why = f"{reason} at {iso_text(at)}"
        state = self._start(spec.name, target, at, work.facts, why, opened, **cycle)
        pause_in = spec.pause_in if target.pause_in is None else target.pause_in
        if work.status in pause_in:  # started while the case waits: it counts from the wait's end
            state = clock.pause(state, self.meter(state), max(state.started_at, fixed(at)))
        zone = self.zone(work.case, state)
        due = local_text(state.due_at, zone)
        shown = due or "when the case stops waiting"
        work.clock(kind, spec.name, state, f"{reason}: {target.text}, due {shown}")
        if spec.promise and kind == "sla_started" and due is not None:  # tell the customer
            received, calendar = work.case.complaint.received_at, self.calendar(state.calendar)
            work.drafts.append(
                promised(spec.name, target.text, state, received, calendar, zone, due, at)
            )

    def _extend(
        self, work: Work, name: str, state: ClockState, signal: str, at: datetime
    ) -> ClockState:
        """Lengthen a running or paused clock the first time one of its extensions' signals
        arrives while its period still runs; a signal after it ran out is recorded as late."""
        done = {record.extension.upon for record in state.extended}
        zone = self.zone(work.case, state)
        for extension in state.extensions:
            if extension.upon != signal or signal in done:
                continue
            if clock.ran_out(state, self.meter(state), at):
                due = local_text(state.breached_at or state.due_at, zone)
                late = f"{signal} at {local_text(at, zone)} came after the period ran out"
                reason = f"{name} not extended: {late} (due {due})"
                work.clock("sla_extension_late", name, state, reason, upon=signal)
                continue
            extended = self._lengthened(name, state, extension, at, work.facts)
            wording = "to" if extension.mode == "to" else "by"
            if extended.budget <= state.budget:  # a longer one was granted, or the target is
                due = local_text(state.due_at, zone) or "when it resumes"
                void = f"{wording} {extension.within} ({signal}) ends no later than the period"
                reason = f"{name} not extended: {void}; due {due}"
                state = state.but(extended=extended.extended)  # heard: a re-base extends upon it
                work.clock("sla_not_extended", name, state, reason)
                continue
            due = local_text(extended.due_at, zone) or "when it resumes"
            reason = f"{name} extended {wording} {extension.within} ({signal}); due {due}"
            work.clock("sla_extended", name, extended, reason)
            state = extended
        return state

    def _lengthened(
        self, metric: str, state: ClockState, extension: Extension, at: datetime, facts: Facts
    ) -> ClockState:
        """``state`` extended at ``at``, its warnings those of the target that set it."""
        target = self._row_target(metric, state, facts)
        warnings = None if target is None else self.policy.warnings_for(metric, target)
        calendar, meter = self.calendar(state.calendar), self.meter(state)
        return clock.extend(state, extension, at, calendar, meter, warnings)

    def _row_target(self, metric: str, state: ClockState, facts: Facts) -> Target | None:
        """The target that set ``state``: its row's, else the one the case matches now."""
        rows = self.policy.targets
        if state.row is not None and state.row < len(rows):
            found = rows[state.row].targets.get(metric)
            if found is not None:
                return found
        return self.target(metric, facts)

    def _reopen(self, work: Work, spec: MetricSpec, state: ClockState, at: datetime) -> None:
        name = spec.name
        if spec.reopen is Reopen.RESUME:
            resumed = clock.carry_on(state, self.meter(state), at)
            work.clock("sla_resumed", name, resumed, f"{name} resumed: case reopened")
        elif spec.reopen is Reopen.RESTART:
            self._fresh(
                work,
                spec,
                at,
                "sla_restarted",
                f"{name} restarted: case reopened",
                cycle=state.cycle,
                cycles=state.cycles,
            )
        else:
            cycles: tuple[Cycle, ...] = (*state.cycles, clock.summary(state))
            self._fresh(
                work,
                spec,
                at,
                "sla_started",
                f"{name} cycle {state.cycle + 1}: case reopened",
                cycle=state.cycle + 1,
                cycles=cycles,
            )

    # --- step 5: the next deadline -----------------------------------------------------

    def _schedule(self, work: Work, now: datetime) -> None:
        deadline = self.due.earliest(work)
        if deadline is not None and deadline <= now:  # only what is overdue after now waits:
            deadline = now + _US  # no pending instant past now comes sooner than this one
        data: dict[str, Any] = {"next_deadline": None if deadline is None else iso_text(deadline)}
        if work.marks != work.case.clocks.marks:
            data["marks"] = {signal: iso_text(at) for signal, at in work.marks.items()}
        if deadline != work.case.next_deadline or "marks" in data:
            reason = (
                "no SLA deadline pending"
                if deadline is None
                else f"next SLA check at {local_text(deadline, self.zone(work.case))}"
            )
            work.drafts.append(Draft("sla_scheduled", data, reason))
