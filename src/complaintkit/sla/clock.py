"""The pure functions that move one SLA clock (:class:`~complaintkit.model.clocks.ClockState`).

A clock measures *metric time*: business time on its calendar for business targets, real
elapsed time otherwise. Its target becomes a budget of metric time when it starts (so
"3 business days" and "24h" are both just budgets afterwards), and pauses, warnings and
escalation fractions are all offsets into that budget. Because the state holds the budget,
the elapsed time before the current running segment and the segment's start, every instant
of interest is ``advance(segment start, offset - elapsed)`` — no history replay needed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta, tzinfo

import attrs

from complaintkit.model import trusted
from complaintkit.model.clocks import ClockState, Cycle, Extended, Extension, Outcome, Pause, fixed
from complaintkit.model.lifecycle import Status
from complaintkit.sla import reckoning, segments
from complaintkit.sla.durations import parse_duration
from complaintkit.sla.metrics import WarningPoint
from complaintkit.sla.timeline import Timeline

_ZERO = timedelta(0)
_US = timedelta(microseconds=1)


@attrs.frozen
class Meter:
    """How a clock counts: business time on ``calendar``, or real time when it is None;
    ``finish`` turns a due instant into the one the target's end rule says (end of day,
    roll-forward); warnings count from the instant it gives (``span``). ``days_in``: a
    period in calendar days ending at the end (or close) of its last day, on that zone's
    wall clock: its time left after a pause is days and hours on the wall, as people count
    it, not real time, which a DST change inside the pause would move by an hour (across
    midnight, to the next day)."""

    calendar: Timeline | None = None
    finish: Callable[[datetime], datetime] | None = None
    days_in: tzinfo | None = None

    def measure(self, start: datetime, end: datetime) -> timedelta:
        """Metric time from ``start`` to ``end`` (0 if end is earlier)."""
        if end <= start:
            return _ZERO
        if self.calendar is None:  # in UTC: two datetimes sharing a ZoneInfo subtract wall time
            return end.astimezone(UTC) - start.astimezone(UTC)
        return self.calendar.elapsed(start, end)

    def advance(self, start: datetime, span: timedelta) -> datetime:
        """The instant ``span`` of metric time after ``start``."""
        if self.calendar is None:
            moved = start.astimezone(UTC) + span
            return moved.astimezone(start.tzinfo)
        return self.calendar.add(start, span)

    def opening(self, start: datetime) -> datetime:
        """The first instant at or after ``start`` that metric time runs: a period in
        business time with nothing left ends in the business day it resumes in, the next
        one on a weekend or after the close, as it would with a moment left."""
        if self.calendar is None:
            return start
        return self.calendar.next_working_instant(start)


def start(
    now: datetime,
    *,
    target: str,
    calendar: str | None,
    business: bool,
    budget: timedelta,
    warnings: Sequence[WarningPoint] = (),
    meter: Meter,
    cycle: int = 1,
    cycles: tuple[Cycle, ...] = (),
    row: int | None = None,
    start_reason: str | None = None,
    calendar_reason: str | None = None,
    end: str = "exact",
    roll: bool = False,
    extensions: tuple[Extension, ...] = (),
    pause_in: tuple[Status, ...] | None = None,
    holiday_data: str | None = None,
) -> ClockState:
    """A running clock started at ``now`` with ``budget`` of metric time to run, warning
    at ``warnings``; ``row`` to ``holiday_data`` say how its deadline was reckoned.

    Built once, due instant included (``with_due`` of a clock that has run nothing yet):
    every case opened starts its clocks here, so the state is assembled without
    ``ClockState``'s converters — its instants are fixed here, its other fields unset.
    """
    begun = fixed(now)
    due = meter.advance(begun, max(_ZERO, budget))
    if meter.finish is not None:
        due = meter.finish(due)
    span = budget if meter.finish is None or not warnings else meter.measure(begun, due)
    return _assemble_clock_state(
        "running",
        target,
        calendar,
        business,
        budget,
        begun,  # started_at
        begun,  # resumed_at
        _ZERO,  # elapsed
        None,  # paused_at
        (),  # pauses
        fixed(due),
        offsets(warnings, span),  # thresholds
        (),  # warned
        None,  # breached_at
        None,  # met_at
        None,  # stopped_at
        None,  # outcome
        cycle,
        cycles,
        row,
        start_reason,
        calendar_reason,
        end,
        roll,
        extensions,
        pause_in,
        holiday_data,
        (),  # extended
        False,  # recorded
    )


#: ``ClockState`` from one value per field, in field order, with no converter run.
_assemble_clock_state = trusted.assembler(ClockState)


def span(meter: Meter, start: datetime, budget: timedelta) -> timedelta:
    """Metric time from ``start`` to the due instant of ``budget`` counted from it, unpaused:
    what warnings are fractions of and offsets before. An end rule that moves the due
    instant (to 24:00 of the last day) lengthens it past the budget."""
    if meter.finish is None:
        return budget
    return meter.measure(start, meter.finish(meter.advance(start, max(_ZERO, budget))))


def reach(meter: Meter, due: datetime) -> datetime:
    """The last instant of a period counted to ``due``: its end rule may carry it into a
    later year (a last day rolled past New Year's Day), whose holidays then decided it,
    while an end at 24:00 on 31 December reaches that day only."""
    if meter.finish is None:
        return due
    return max(due, meter.finish(due).astimezone(UTC) - _US)


def offsets(warnings: Sequence[WarningPoint], span: timedelta) -> dict[str, timedelta]:
    """Each warning's offset into a clock whose due instant is ``span`` after its start;
    one that would precede the start is left out."""
    found: dict[str, timedelta] = {}
    for point in warnings:
        offset = point.offset(span)
        if offset is not None:
            found[point.label] = offset
    return found


def renamed(warned: tuple[str, ...], warnings: Sequence[WarningPoint]) -> tuple[str, ...]:
    """``warned`` with each given warning also under the name ``warnings`` give it now: a
    clock stored before warnings were named in full recorded 87.5% as "88%", and re-planned
    under the new names it would give that warning again."""
    given = set(warned)
    return (
        *warned,
        *(
            point.label
            for point in warnings
            if point.fraction is not None
            and point.label not in given
            and f"{point.fraction:.0%}" in given
        ),
    )


def elapsed(state: ClockState, meter: Meter, now: datetime) -> timedelta:
    """Metric time the clock has run by ``now``."""
    done = state.elapsed
    if state.state == "running":
        done += meter.measure(state.resumed_at, now)
    return done


def time_used(old: ClockState, meter: Meter, now: datetime) -> timedelta:
    """The time ``old`` has run (started, minus its pauses), measured by ``meter``: a clock
    moved to another calendar keeps the business time it used, not the real time."""
    total = meter.measure(old.started_at, now)
    for pause in old.pauses:  # one before the clock's start (the next opening) hid nothing
        total -= meter.measure(max(pause.start, old.started_at), pause.end or now)
    return max(_ZERO, total)


def kept_time(old: ClockState, new: ClockState, meter: Meter, now: datetime) -> ClockState:
    """``new``, a target counted from where ``old`` started, having run as ``old`` ran up
    to ``now`` (``rebase_keep_elapsed``): the time used measured by ``meter``, and
    ``old``'s pauses, the move closing the last one or, a running clock's, a pause of no
    length. So the move is where a segment begins, and an end rule folds the segments
    before it as it folds a resumed clock's: one whose time ran out keeps the end of its
    last day when moved by then (``ends_at``)."""
    pauses = old.pauses
    if pauses and pauses[-1].end is None:
        pauses = (*pauses[:-1], Pause(pauses[-1].start, now))
    elif now > old.started_at:
        pauses = (*pauses, Pause(now, now))
    resumed = max(now, old.started_at)  # one waiting for the next opening waits on
    return new.but(resumed_at=resumed, elapsed=time_used(old, meter, now), pauses=pauses)


def instant_at(state: ClockState, meter: Meter, offset: timedelta) -> datetime | None:
    """When the running clock reaches ``offset`` of metric time; None unless running.

    An offset already passed maps to the segment start: it is due at once.
    """
    if state.state != "running":
        return None
    return meter.advance(state.resumed_at, max(_ZERO, offset - state.elapsed))


def warning_at(state: ClockState, meter: Meter, offset: timedelta) -> datetime | None:
    """When a running clock's warning at ``offset`` falls due: that far into the clock, or,
    when an end rule sets the due instant, as long before it as the warning was before
    the due instant unpaused. A pause the end rule absorbs (six hours waited on the
    customer in 15日 that end at 24:00) leaves the due instant where it was, and so the
    warning, which would otherwise follow the pause past the deadline."""
    if meter.finish is None or state.due_at is None:
        return instant_at(state, meter, offset)
    before = span(meter, state.started_at, state.budget) - offset
    left = meter.measure(state.resumed_at, state.due_at)
    return meter.advance(state.resumed_at, max(_ZERO, left - before))


def with_due(state: ClockState, meter: Meter) -> ClockState:
    """``state`` with the due instant its budget gives; one that ran out and breached stays
    due when it breached (resuming it after a pause does not move its deadline there)."""
    if state.breached_at is not None and state.elapsed >= state.budget:
        return state.but(due_at=state.breached_at if state.state == "running" else None)
    if meter.finish is not None:
        return state.but(due_at=ends_at(state, meter, state.budget))
    return state.but(due_at=instant_at(state, meter, state.budget))


def ends_at(state: ClockState, meter: Meter, offset: timedelta) -> datetime | None:
    """When the end rule ends a running clock's ``offset`` (its deadline at the budget, a
    level at ``elapsed: 1.5`` past it); None unless running.

    Rolling a last day forward keeps its time of day, so a later period end can end
    earlier (Saturday 07:42 and Sunday 00:27 both roll to Monday). A resume therefore
    never takes the end before the one the clock had before it paused: the end is the
    latest any running segment gives. A segment that starts with no time left to
    ``offset`` (the time ran out, the end rule's end had not come) keeps that end when it
    starts by it, and ends where the end rule puts its start when it starts after it (in
    business time, its first working instant: a weekend's start ends with Monday). Each
    segment is walked once for the clock's states (``sla.segments``)."""
    return segments.ends_at(state, meter, offset)


def pause(state: ClockState, meter: Meter, now: datetime) -> ClockState:
    """Stop counting (the customer owes us an answer); the budget left is kept.

    A clock paused at its deadline has used up its time: asking the customer then cannot
    save it, so it keeps its due instant and breaches there (the sweep records it while
    the case waits). One started at ``now`` (while the case waits) has used nothing."""
    if state.state != "running":
        return state
    ran_out = state.due_at is not None and state.due_at <= now and now > state.started_at
    return state.but(
        state="paused",
        elapsed=elapsed(state, meter, now),
        paused_at=now,
        pauses=(*state.pauses, Pause(now)),
        due_at=state.due_at if ran_out and state.breached_at is None else None,
    )


def as_it_ran(state: ClockState, meter: Meter) -> ClockState | None:
    """A paused clock as it ran up to its pause, due instant included: what fell due by
    the pause (a level at the very instant the customer was asked, a level at ``1.0`` of
    a clock paused at its deadline) fell due then, not when the wait ends. None for one
    that has not run (started while the case waits, or paused before its start)."""
    paused = state.paused_at
    if state.state != "paused" or paused is None or paused <= state.started_at:
        return None
    last_run = meter.measure(state.resumed_at, paused)
    running = state.but(state="running", elapsed=state.elapsed - last_run, paused_at=None)
    return with_due(running, meter)


def resume(state: ClockState, meter: Meter, now: datetime) -> ClockState:
    """Count again from ``now``; the due instant moves by the paused time. A clock that
    starts later than the change that started it (at the next opening, from a date the
    complaint gives) and waited before it had run counts from its start, not from ``now``."""
    if state.state != "paused":
        return state
    pauses = state.pauses
    if pauses and pauses[-1].end is None:
        pauses = (*pauses[:-1], attrs.evolve(pauses[-1], end=now))
    counts = max(now, state.resumed_at)  # a clock never counts from before where it had got to
    running = state.but(state="running", resumed_at=counts, paused_at=None, pauses=pauses)
    return with_due(running, meter)


def carry_on(state: ClockState, meter: Meter, now: datetime) -> ClockState:
    """A stopped clock counting again from ``now`` (a case reopened, ``reopen: resume``),
    with the budget it had left. The time it was stopped is kept as a pause, time it did
    not run (which a migration keeping the time used must not count); one stopped before
    its start (the next opening) counts from its start."""
    stopped = () if state.stopped_at is None else (Pause(state.stopped_at, now),)
    running = state.but(
        state="running",
        resumed_at=max(now, state.started_at),
        pauses=(*state.pauses, *stopped),
        met_at=None,
        stopped_at=None,
        outcome=None,
    )
    return with_due(running, meter)


def stop(state: ClockState, meter: Meter, now: datetime, *, met: bool) -> ClockState:
    """Stop for good: ``met`` when the stop event arrived, else cancelled (case withdrawn).

    A clock stopped after its breach keeps ``outcome == "breached"`` and records when it
    was finally met.
    """
    if state.state == "stopped":
        return state
    resumed = resume(state, meter, now) if state.state == "paused" else state
    outcome: Outcome
    if met:
        outcome = "met" if state.breached_at is None else "breached"
    else:
        outcome = "cancelled" if state.breached_at is None else "breached"
    return resumed.but(
        state="stopped",
        elapsed=elapsed(resumed, meter, now),
        resumed_at=now,
        due_at=None,
        met_at=now if met else None,
        stopped_at=now,
        outcome=outcome,
    )


def extend(
    state: ClockState,
    extension: Extension,
    at: datetime,
    calendar: Timeline,
    meter: Meter,
    warnings: Sequence[WarningPoint] | None,
) -> ClockState:
    """``state`` extended at ``at``: the budget grows by the metric time between the old and
    the new end, and ``warnings`` (None: the old offsets) move with it; those already given
    stay given.

    ``to`` counts from the clock's start; ``by`` from its current end after any roll-forward,
    so the period's last day moves by the extension and the end rule applies to the new last
    day (15日 ending on a rolled 8 October end on the 23rd at 24:00). The holiday data is
    recorded again, for the longer period."""
    start, within = state.started_at, parse_duration(extension.within)
    if extension.mode == "to":
        new_end = calendar.deadline(start, within)
    else:
        end = Meter(meter.calendar).advance(start, state.budget)
        if state.roll:
            end = reckoning.finish(reckoning.Rules(roll=True, closes=state.business), calendar, end)
        new_end = reckoning.lengthened(calendar, end, within, closes=state.business)
    budget = max(state.budget, meter.measure(start, new_end))
    thresholds, warned = state.thresholds, state.warned
    if warnings is not None:
        thresholds = offsets(warnings, span(meter, start, budget))
        warned = renamed(warned, warnings)
    extended = state.but(
        budget=budget,
        thresholds=thresholds,
        warned=warned,
        extended=(*state.extended, Extended(extension, at, state.budget, budget > state.budget)),
        holiday_data=calendar.holiday_data(start, reach(meter, new_end)),
    )
    if extended.state == "running":
        return with_due(extended, meter)
    if extended.due_at is not None:  # paused at its deadline, extended at that instant
        return extended.but(due_at=_ran_out_by_the_pause(extended, meter))
    return extended


def _ran_out_by_the_pause(state: ClockState, meter: Meter) -> datetime | None:
    """The deadline a paused clock reached by its pause, which a sweep during the wait
    records as its breach; None when its (longer) period had not run out by then."""
    ran = as_it_ran(state, meter)
    due = None if ran is None else ran.due_at
    return (
        due if due is not None and state.paused_at is not None and due <= state.paused_at else None
    )


def ran_out(state: ClockState, meter: Meter, at: datetime) -> bool:
    """Whether the period was over before ``at``: an extension then comes too late (PSRs
    reg. 101(3) wants the holding reply within the 15 days; 延长 lengthens a running
    period). A signal exactly at the deadline is in time, as a response there meets it.

    The deadline is the one the end rule gives (15日 end at 24:00 of the last day, not at
    the hour of receipt); a paused clock's is the one it would have if it resumed at ``at``.
    """
    if state.breached_at is not None:
        return True
    due = (
        state.due_at
        if state.state == "running" or state.due_at is not None  # paused at its deadline
        else with_due(resume(state, meter, at), meter).due_at
    )
    return due is not None and at > due


def warn(state: ClockState, label: str) -> ClockState:
    return state.but(warned=(*state.warned, label))


def breach(state: ClockState, at: datetime) -> ClockState:
    """Record the breach at the instant the budget ran out (not when a tick noticed it)."""
    return state.but(breached_at=at)


def summary(state: ClockState) -> Cycle:
    """What an earlier cycle leaves behind when a reopen opens a new one."""
    return Cycle(
        state.cycle,
        started_at=state.started_at,
        due_at=state.due_at,
        met_at=state.met_at,
        breached_at=state.breached_at,
        stopped_at=state.stopped_at,
        outcome=state.outcome,
        target=state.target,
    )
