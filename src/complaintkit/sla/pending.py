"""What the SLA engine waits for on a case: the instants its clocks' warnings and breaches
and its escalation ladder's timed levels fall due, in the order they fall due."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from operator import itemgetter
from typing import Any

from complaintkit.model.clocks import ClockState
from complaintkit.sla import clock
from complaintkit.sla.clock import Meter
from complaintkit.sla.escalation import Ladder, Level
from complaintkit.sla.metrics import fraction_of
from complaintkit.sla.policy import SlaPolicy
from complaintkit.sla.work import Seen, Work

#: Pending items in time order, then kind order. Their instants are at fixed offsets (see
#: ``fixed``), which compare as instants without a conversion to UTC, as ``now`` does.
_BY_INSTANT = itemgetter(0, 1)
#: Warnings come first among what falls due at one instant, then the levels in ladder order;
#: then the levels saying the case is overdue (``elapsed: 1.0``) and the breaches: they
#: fall due after everything that happens at their instant, so one late sweep fires them
#: after the levels a sweep at the instant fires, as sweeps on time do.
_OVERDUE = 1 << 29
_BREACH = 1 << 30
#: A pending item: (instant, order, kind, metric or ladder, detail).
Item = tuple[datetime, int, str, str, Any]


def overdue(item: Item) -> bool:
    """Whether a pending item says the deadline was missed — a breach, or a level at the
    whole budget or more (``elapsed: 1.0``) — and so falls due only after its instant: a
    response at the deadline meets it, and a sweep then must not call the case overdue."""
    kind, detail = item[2], item[4]
    if kind == "breach":
        return True
    fraction = detail.trigger.fraction if kind == "level" else None
    return fraction is not None and fraction >= 1


def _order(level: Level) -> int:
    """Where ``level`` comes among what falls due at its instant (``_BY_INSTANT``)."""
    fraction = level.trigger.fraction
    return (_OVERDUE if fraction is not None and fraction >= 1 else 1) + level.index


class Pending:
    """An engine's view of what falls due: ``meter`` is the engine's (one per calendar and
    end rule).

    Instants are worked out afresh on each ask: a memo keyed by a clock's instants and
    spans cost a tick more to look up than the calendar arithmetic it saved, since most
    asks are about a case's own clocks, asked once; the asks that repeat with nothing
    changed are answered by the work's own memo (``Work.pending_seen``)."""

    def __init__(self, policy: SlaPolicy, meter: Callable[[ClockState], Meter]) -> None:
        self.policy = policy
        self.meter = meter
        self._named: dict[object, Ladder] = {}
        for ladder in policy.ladders:  # the first of a name, as a scan in order finds it
            self._named.setdefault(ladder.name, ladder)

    def ladder(self, work: Work) -> Ladder | None:
        """The case's ladder: the one it already climbed, else the first whose condition
        holds — also when the one it climbed is gone (a new policy version renamed it), so
        its remaining levels still fire; those passed keep their names in its state."""
        climbed = self._named.get(work.escalation.get("ladder"))
        if climbed is not None:
            return climbed
        for ladder in self.policy.ladders:
            if ladder.when is None or ladder.when(work.facts):
                return ladder
        return None

    def items(self, work: Work, now: datetime | None = None) -> list[Item]:
        """Every instant the engine waits for: (instant, order, kind, metric/ladder, detail).

        Asked again with nothing changed (scheduling after the last step of settling found
        nothing due), or after only warnings and breaches fired from the list (they drop
        out of it and move nothing else), it answers from ``work``'s memo.

        Given ``now``, it may leave out an item that falls due after another item past
        ``now``: the list keeps every item due by ``now``, in the same order, and the first
        of those past it — all that firing what is due reads.
        """
        seen = work.pending_seen
        if seen is not None and seen.holds(work):
            return list(seen.answer)
        items: list[Item] = []
        past: dict[str, timedelta] = {}  # of the clocks no end rule moves
        for metric, state in work.clocks.items():
            if state.state != "running":
                if state.due_at is not None and state.breached_at is None:  # paused, ran out
                    items.append((state.due_at, _BREACH, "breach", metric, None))
                items += [
                    (reached, 0, "warning", metric, label)
                    for reached, label in self._warned_by_the_pause(state)
                ]
                continue
            meter, cut = self.meter(state), None  # the offset of a warning found past now
            for label, offset in state.thresholds.items():
                if label in state.warned or (cut is not None and offset >= cut):
                    continue  # (one at a larger offset falls due no sooner)
                at = clock.warning_at(state, meter, offset)
                assert at is not None
                items.append((at, 0, "warning", metric, label))
                if now is not None and at > now:
                    cut = offset
            if cut is not None and meter.finish is None:
                past[metric] = cut
            if state.breached_at is None:
                assert state.due_at is not None
                items.append((state.due_at, _BREACH, "breach", metric, None))
        self._levels(work, items, past)
        items.sort(key=_BY_INSTANT)
        if now is None:
            work.pending_seen = Seen(work, items)
        return list(items)

    def _levels(self, work: Work, items: list[Item], past: dict[str, timedelta]) -> None:
        """Add to ``items`` the timed levels left to fire, but those falling due no sooner
        than a warning of ``past`` (``_after_warning``)."""
        ladder = self.ladder(work)
        if ladder is not None and work.judged.is_open:
            done = {**work.escalation.get("fired", {}), **work.escalation.get("skipped", {})}
            for level in ladder.levels:
                if level.name in done or self._after_warning(work, level, past):
                    continue
                at = self.level_instant(work, level)
                if at is not None:
                    items.append((at, _order(level), "level", ladder.name, level))

    def earliest(self, work: Work) -> datetime | None:
        """The instant ``pending`` would list first, without working out those that cannot
        come first: a running clock reaches a larger offset no sooner than a smaller one, so
        of its warnings only the nearest counts, and neither does a level at a fraction of
        the clock past that warning (unless an end rule moves either instant)."""
        if not work.clocks and not work.marks:
            return None  # a level falls due on a clock or a mark (a case not yet opened)
        seen = work.pending_seen
        if seen is not None and seen.holds(work):
            return seen.answer[0][0] if seen.answer else None
        seen = work.earliest_seen
        if seen is not None and seen.holds(work):
            return seen.answer  # type: ignore[no-any-return]
        found: list[tuple[datetime, int]] = []
        nearest: dict[str, timedelta] = {}  # of the clocks no end rule moves
        self._clocks_first(work, found, nearest)
        ladder = self.ladder(work)
        if ladder is not None and work.judged.is_open:
            done = {**work.escalation.get("fired", {}), **work.escalation.get("skipped", {})}
            for level in ladder.levels:
                if level.name in done or self._after_warning(work, level, nearest):
                    continue
                at = self.level_instant(work, level)
                if at is not None:
                    found.append((at, _order(level)))
        first = min(found, key=_BY_INSTANT)[0] if found else None  # the first of a stable sort
        work.earliest_seen = Seen(work, first)
        return first

    def _clocks_first(
        self, work: Work, found: list[tuple[datetime, int]], nearest: dict[str, timedelta]
    ) -> None:
        """Add to ``found`` what each clock waits for first, and to ``nearest`` the offset of
        the nearest pending warning of each running clock no end rule moves."""
        for metric, state in work.clocks.items():
            if state.state != "running":
                if state.due_at is not None and state.breached_at is None:  # paused, ran out
                    found.append((state.due_at, _BREACH))
                found += [(reached, 0) for reached, _ in self._warned_by_the_pause(state)]
                continue
            warned = state.warned
            offsets = (
                [at for label, at in state.thresholds.items() if label not in warned]
                if warned
                else list(state.thresholds.values())
            )
            if offsets:
                meter, offset = self.meter(state), min(offsets)
                if meter.finish is None:
                    nearest[metric] = offset
                at = clock.warning_at(state, meter, offset)
                assert at is not None
                found.append((at, 0))
            if state.breached_at is None:
                assert state.due_at is not None
                found.append((state.due_at, _BREACH))

    def _after_warning(self, work: Work, level: Level, nearest: dict[str, timedelta]) -> bool:
        """Whether ``level`` falls due no sooner than the warning of its clock at the offset
        ``nearest`` holds for it (it holds no clock with an end rule: that moves the warnings
        or the level)."""
        trigger = level.trigger
        if trigger.sla not in nearest or trigger.fraction is None:
            return False
        budget = work.clocks[trigger.sla].budget
        return fraction_of(budget, trigger.fraction) >= nearest[trigger.sla]

    def _warned_by_the_pause(self, state: ClockState) -> list[tuple[datetime, str]]:
        """The warnings a paused clock reached by its pause, not yet given, with the instant
        each fell due (one at the very instant of the pause is given at it). The pause's own
        reaction gives them; an extension after it lengthens the span an end rule measures
        a warning back from, which may put one before the pause that the clock never reached
        while it ran — it waits for the clock to run again instead."""
        paused = state.paused_at
        if paused is not None and any(record.at > paused for record in state.granted):
            return []
        meter = self.meter(state)
        pending = [
            label
            for label, offset in state.thresholds.items()
            if label not in state.warned  # an end rule can bring a warning before its offset
            and (offset <= state.elapsed or meter.finish is not None)
        ]
        ran = clock.as_it_ran(state, meter) if pending else None
        if ran is None:
            return []
        assert state.paused_at is not None
        found = []
        for label in pending:
            at = clock.warning_at(ran, meter, state.thresholds[label])
            if at is not None and at <= state.paused_at:
                found.append((at, label))
        return found

    def level_instant(self, work: Work, level: Level) -> datetime | None:
        """When ``level`` falls due; for a level on a paused clock, only the instant it
        fell due by the pause (the rest wait for the clock to run again: None)."""
        trigger = level.trigger
        if trigger.sla is not None:
            state = work.clocks.get(trigger.sla)
            if state is None or trigger.fraction is None:
                return None
            meter = self.meter(state)
            offset = fraction_of(state.budget, trigger.fraction)
            if state.state == "paused":
                return self._reached_by_the_pause(state, meter, offset, trigger.fraction)
            ends = trigger.fraction >= 1 and meter.finish is not None  # past its deadline
            return (clock.ends_at if ends else clock.instant_at)(state, meter, offset)
        if trigger.since is not None:
            mark = work.marks.get(trigger.since)
            if mark is None:
                return None
            name = trigger.calendar_for(work.facts) or self.policy.default_calendar
            calendar = self.policy.calendars[name]
            return trigger.since_instant(mark, calendar)
        return None

    def _reached_by_the_pause(
        self, state: ClockState, meter: Meter, offset: timedelta, fraction: float
    ) -> datetime | None:
        """When a paused clock reached a level's ``offset``, if it had by its pause."""
        if offset > state.elapsed:  # not reached: it falls due once the clock runs again
            return None
        ran = clock.as_it_ran(state, meter)
        if ran is None:
            return None
        ends = fraction >= 1 and meter.finish is not None
        at = (clock.ends_at if ends else clock.instant_at)(ran, meter, offset)
        assert state.paused_at is not None
        return at if at is not None and at <= state.paused_at else None
