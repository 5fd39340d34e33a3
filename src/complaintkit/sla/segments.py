"""A clock's running segments, each walked once, and the end an end rule gives them.

Under an end rule a resumed clock ends at the latest end any of its running segments gives
(docs/sla.md, "A pause and the end rule"). Worked out afresh from the recorded pauses on
every resume, a clock paused N times measured N²/2 stretches of business time. Each pause
therefore keeps the segment it leads to (``Pause.walked``: where it began, the time used
before it, and the ends already folded through it), and a resume walks only the pauses no
earlier state of the clock walked: the one it ends. A clock's states share their pauses
(each holds its predecessor's and adds one), and so do the states read back from a store
event by event; a state read on its own (a case loaded) walks its pauses once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from complaintkit.model.clocks import ClockState, Pause

if TYPE_CHECKING:
    from complaintkit.sla.clock import Meter

_ZERO = timedelta(0)

#: The ends folded through a segment are told apart by offset, time kept from a clock it
#: replaced, and whether they were counted on the wall clock.
_EndKey = tuple[timedelta, timedelta, bool]


class _Step:
    """The running segment a closed pause leads to: it began ``at``, with ``used`` metric
    time (and ``wall`` time on the wall clock, for a clock counted in days) used before it;
    ``ends``: the end of an offset folded over every segment up to this one."""

    __slots__ = ("at", "ends", "meter", "previous", "started", "used", "wall")

    def __init__(
        self,
        meter: Meter,
        started: datetime,
        previous: _Step | None,
        at: datetime,
        used: timedelta,
        wall: timedelta,
    ) -> None:
        self.meter, self.started, self.previous = meter, started, previous
        self.at, self.used, self.wall = at, used, wall
        self.ends: dict[_EndKey, datetime | None] = {}


def _kept(pauses: tuple[Pause, ...], index: int, meter: Meter, started: datetime) -> _Step | None:
    """The step ``pauses[index]`` keeps for this clock, if it follows the one before it."""
    step = pauses[index].walked
    if not isinstance(step, _Step) or step.meter is not meter or step.started != started:
        return None
    before = pauses[index - 1].walked if index else None
    return step if step.previous is before else None


def _walk(state: ClockState, meter: Meter) -> _Step | None:
    """The segment the last pause before the first open one leads to (None: no such
    pause), walking only the pauses no earlier state of the clock walked."""
    pauses, started = state.pauses, state.started_at
    index, last = len(pauses), None
    while index > 0:  # back to the newest pause already walked
        last = _kept(pauses, index - 1, meter, started)
        if last is not None:
            break
        index -= 1
    at, used, wall = (started, _ZERO, _ZERO) if last is None else (last.at, last.used, last.wall)
    for pause in pauses[index:]:
        if pause.end is None:
            break
        ran = meter.measure(at, pause.start)
        if meter.days_in is not None:  # the run as the wall clock shows it, never negative
            wall += max(_ZERO, _wall(at + ran, meter.days_in) - _wall(at, meter.days_in))
        used += ran
        at = max(at, pause.end)
        last = _Step(meter, started, last, at, used, wall)
        object.__setattr__(pause, "walked", last)
    return last


def _consistent(state: ClockState, last: _Step | None) -> bool:
    """Whether the pauses add up to the current segment (not a state written by hand)."""
    return last is not None and last.at == state.resumed_at and last.used <= state.elapsed


def segments(state: ClockState, meter: Meter) -> list[tuple[datetime, timedelta]]:
    """Where each running segment of ``state`` began and the metric time used before it,
    from its start to the current one (``resumed_at``, ``elapsed``); a history that does
    not add up to the current segment (a state written by hand) gives that one only."""
    last = _walk(state, meter) if state.pauses else None
    if not _consistent(state, last):
        return [(state.resumed_at, state.elapsed)]
    assert last is not None
    before = state.elapsed - last.used  # kept from a clock it replaced (a migration)
    found = []
    step: _Step | None = last
    while step is not None:
        found.append((step.at, step.used + before))
        step = step.previous
    return [(state.started_at, before), *reversed(found)]


def ends_at(state: ClockState, meter: Meter, offset: timedelta) -> datetime | None:
    """``clock.ends_at`` (which says what it gives), folding only the segments no earlier
    call folded for this offset."""
    if state.state != "running" or meter.finish is None:
        return None
    last = _walk(state, meter) if state.pauses else None
    if not _consistent(state, last):
        return _fold(meter, None, state.resumed_at, state.elapsed, offset, None)
    assert last is not None
    before = state.elapsed - last.used
    zone = meter.days_in if before == _ZERO else None
    if zone is not None:
        begun = state.started_at
        offset = _wall(begun + offset, zone) - _wall(begun, zone)
    key = (offset, before, zone is not None)
    unfolded: list[_Step] = []
    step: _Step | None = last
    while step is not None and key not in step.ends:
        unfolded.append(step)
        step = step.previous
    if step is None:
        end = _fold(meter, None, state.started_at, before, offset, zone)
    else:
        end = step.ends[key]
    for step in reversed(unfolded):
        used = step.used + before if zone is None else step.wall
        end = step.ends[key] = _fold(meter, end, step.at, used, offset, zone)
    return end


def _fold(
    meter: Meter,
    end: datetime | None,
    resumed: datetime,
    used: timedelta,
    offset: timedelta,
    zone: tzinfo | None,
) -> datetime | None:
    """The latest of ``end`` and the end of ``offset`` in the segment begun at ``resumed``
    with ``used`` before it (on the wall clock of ``zone`` when given). One starting with
    no time left keeps ``end`` when it starts by it, and ends where the end rule puts its
    start when it starts after it."""
    assert meter.finish is not None
    left = offset - used
    if left > _ZERO:
        moved = meter.advance(resumed, left) if zone is None else _wall_add(resumed, left, zone)
        at = meter.finish(moved)
    elif end is not None and resumed <= end:
        return end
    else:
        at = meter.finish(meter.opening(resumed))
    return at if end is None or at > end else end


def _wall(at: datetime, zone: tzinfo) -> datetime:
    return at.astimezone(zone).replace(tzinfo=None)


def _wall_add(start: datetime, span: timedelta, zone: tzinfo) -> datetime:
    """``span`` of wall-clock time after ``start`` in ``zone`` (a skipped hour: after it)."""
    return (_wall(start, zone) + span).replace(tzinfo=zone).astimezone(UTC)
