"""A clock paused and resumed many times walks its earlier pauses once, not on every resume.

Under an end rule a resumed clock ends at the latest end any of its running segments gives
(``clock.ends_at`` over ``segments``, docs/sla.md "A pause and the end rule"). Worked
out afresh from the recorded pauses on each resume, a case waiting on the customer N times
measured N²/2 stretches of business time. The deadlines must not change: the computation
as it was is kept below as the oracle.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from functools import partial
from itertools import pairwise
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.model.clocks import ClockState
from complaintkit.sla import clock, reckoning
from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.clock import Meter
from complaintkit.sla.segments import segments

ZERO = timedelta(0)
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # Monday 09:00 in Shanghai
OFFICE = BusinessCalendar.from_mapping(
    {"timezone": "Asia/Shanghai", "hours": {"mon-fri": ["09:00-12:00", "13:30-18:00"]}}
)
LONDON = BusinessCalendar.from_mapping(
    {"timezone": "Europe/London", "hours": {"mon-fri": ["09:00-17:00"]}}
)


def _finish(calendar: BusinessCalendar, **rules: Any) -> Any:
    return partial(reckoning.finish, reckoning.Rules(**rules), calendar)


#: business days ending at 24:00, plain days on London's wall clock (a pause across the
#: change of the clocks), and exact days rolled to a business day (an end rule that is
#: not monotone)
METERS = {
    "business end of day": Meter(OFFICE, _finish(OFFICE, end="end_of_day", closes=True)),
    "days on the wall": Meter(None, _finish(LONDON, end="end_of_day"), LONDON.zone),
    "exact rolled": Meter(None, _finish(LONDON, end="exact", roll=True)),
}


# --- the oracle: segments and ends_at as they were, walking every pause on each call ---


def _wall(at: datetime, zone: tzinfo) -> datetime:
    return at.astimezone(zone).replace(tzinfo=None)


def _wall_add(start: datetime, span: timedelta, zone: tzinfo) -> datetime:
    return (_wall(start, zone) + span).replace(tzinfo=zone).astimezone(UTC)


def _on_the_wall(
    parts: list[tuple[datetime, timedelta]], offset: timedelta, zone: tzinfo
) -> tuple[list[tuple[datetime, timedelta]], timedelta]:
    begun = parts[0][0]
    found, used = [(begun, ZERO)], ZERO
    for (lo, before), (hi, after) in pairwise(parts):
        used += max(ZERO, _wall(lo + (after - before), zone) - _wall(lo, zone))
        found.append((hi, used))
    return found, _wall(begun + offset, zone) - _wall(begun, zone)


def old_segments(state: ClockState, meter: Meter) -> list[tuple[datetime, timedelta]]:
    current = (state.resumed_at, state.elapsed)
    if not state.pauses:
        return [current]
    found = [(state.started_at, ZERO)]
    at, used = state.started_at, ZERO
    for pause in state.pauses:
        if pause.end is None:
            break
        used += meter.measure(at, pause.start)
        at = max(at, pause.end)
        found.append((at, used))
    if at != state.resumed_at or used > state.elapsed:
        return [current]
    before = state.elapsed - used
    return [(begun, ran + before) for begun, ran in found]


def old_ends_at(state: ClockState, meter: Meter, offset: timedelta) -> datetime | None:
    if state.state != "running" or meter.finish is None:
        return None
    end: datetime | None = None
    parts = old_segments(state, meter)
    wall = meter.days_in if len(parts) > 1 and parts[0][1] == ZERO else None
    if wall is not None:
        parts, offset = _on_the_wall(parts, offset, wall)
    for resumed, used in parts:
        left = offset - used
        if left > ZERO:
            moved = meter.advance(resumed, left) if wall is None else _wall_add(resumed, left, wall)
            at = meter.finish(moved)
        elif end is not None and resumed <= end:
            continue
        else:
            at = meter.finish(meter.opening(resumed))
        end = at if end is None or at > end else end
    return end


# --- the property ----------------------------------------------------------------------

#: (minutes the clock runs, minutes it then waits): zero-length runs and waits included
WAITS = st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 5000)), min_size=1, max_size=12)


def started(meter: Meter, days: int) -> ClockState:
    return clock.start(
        T0,
        target=f"{days}d",
        calendar="office",
        business=meter.calendar is not None,
        budget=timedelta(hours=7.5 * days) if meter.calendar is not None else timedelta(days=days),
        meter=meter,
    )


@settings(max_examples=150, deadline=None)
@given(
    name=st.sampled_from(sorted(METERS)),
    days=st.integers(1, 6),
    waits=WAITS,
    fractions=st.lists(st.sampled_from([0.5, 1.0, 1.5, 2.0]), min_size=1, max_size=3),
)
def test_every_deadline_after_every_resume_is_the_one_the_full_walk_gives(
    name: str, days: int, waits: list[tuple[int, int]], fractions: list[float]
) -> None:
    meter = METERS[name]
    state, now = started(meter, days), T0
    for runs, waits_for in waits:
        now += timedelta(minutes=runs)
        state = clock.pause(state, meter, now)
        now += timedelta(minutes=waits_for)
        state = clock.resume(state, meter, now)
        assert segments(state, meter) == old_segments(state, meter)
        assert state.due_at == old_ends_at(state, meter, state.budget)
        for fraction in fractions:
            offset = state.budget * fraction
            assert clock.ends_at(state, meter, offset) == old_ends_at(state, meter, offset)
        reread = ClockState.from_json(state.to_json())  # a case loaded again: fresh pauses
        assert clock.ends_at(reread, meter, state.budget) == old_ends_at(state, meter, state.budget)


# --- the cost ---------------------------------------------------------------------------


class CountingCalendar:
    """``OFFICE``, counting how often business time is measured or added."""

    def __init__(self) -> None:
        self.calls = 0

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        self.calls += 1
        return OFFICE.elapsed(start, end)

    def add(self, start: datetime, span: timedelta) -> datetime:
        self.calls += 1
        return OFFICE.add(start, span)

    def next_working_instant(self, at: datetime) -> datetime:
        self.calls += 1
        return OFFICE.next_working_instant(at)


def test_each_resume_measures_only_the_pause_it_ends() -> None:
    counting = CountingCalendar()
    meter = Meter(counting, _finish(OFFICE, end="end_of_day", closes=True))  # type: ignore[arg-type]
    state, now, waits = started(meter, 400), T0, 300
    for _ in range(waits):
        now += timedelta(minutes=20)
        state = clock.pause(state, meter, now)
        now += timedelta(minutes=40)
        state = clock.resume(state, meter, now)
    # a handful per pause and resume; walking every earlier pause made it waits²/2
    assert counting.calls < 10 * waits
    assert state.due_at == old_ends_at(state, Meter(OFFICE, meter.finish), state.budget)
