"""Clock state arithmetic: budgets, pauses and the instants derived from them."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.model.clocks import ClockState, Extension, Pause, fixed
from complaintkit.model.lifecycle import Status
from complaintkit.sla import clock
from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.clock import Meter
from complaintkit.sla.metrics import WarningPoint

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
H = timedelta(hours=1)
OFFICE = BusinessCalendar.from_mapping(
    {"timezone": "Asia/Shanghai", "hours": {"mon-fri": ["09:00-12:00", "13:30-18:00"]}}
)


def started(meter: Meter, hours: int = 24) -> ClockState:
    return clock.start(
        T0,
        target=f"{hours}h",
        calendar="24x7",
        business=meter.calendar is not None,
        budget=hours * H,
        warnings=(WarningPoint("50%", fraction=0.5),),
        meter=meter,
    )


def test_a_started_clock_is_due_after_its_budget() -> None:
    state = started(Meter())
    assert state.due_at == T0 + 24 * H
    assert ClockState.from_json(state.to_json()) == state


def test_a_pause_moves_the_due_instant_by_the_paused_time() -> None:
    meter = Meter()
    paused = clock.pause(started(meter), meter, T0 + 2 * H)
    assert paused.due_at is None
    assert clock.elapsed(paused, meter, T0 + 50 * H) == 2 * H
    resumed = clock.resume(paused, meter, T0 + 12 * H)
    assert resumed.due_at == T0 + 34 * H
    assert resumed.pauses == (Pause(T0 + 2 * H, T0 + 12 * H),)
    assert resumed.to_json()["pauses"] == [[(T0 + 2 * H).isoformat(), (T0 + 12 * H).isoformat()]]


def test_business_clock_counts_only_working_time() -> None:
    meter = Meter(OFFICE)
    state = started(meter, hours=8)  # Monday 09:00 + 8 working hours (lunch 12:00-13:30)
    assert state.due_at == datetime(2026, 3, 3, 1, 30, tzinfo=UTC)
    assert clock.elapsed(state, meter, T0 + 24 * H) == 7.5 * H


def test_stop_after_a_breach_keeps_the_breach() -> None:
    meter = Meter()
    state = clock.breach(started(meter), T0 + 24 * H)
    stopped = clock.stop(state, meter, T0 + 30 * H, met=True)
    assert stopped.outcome == "breached"
    assert stopped.met_at == T0 + 30 * H
    assert clock.stop(started(meter), meter, T0, met=False).outcome == "cancelled"


@given(st.lists(st.integers(min_value=1, max_value=72), min_size=1, max_size=8))
def test_paused_time_never_counts(gaps: list[int]) -> None:
    """Alternate running and paused stretches: elapsed is the sum of the running ones."""
    meter = Meter()
    state, now, running = started(meter, hours=1000), T0, 0
    for i, gap in enumerate(gaps):
        now += gap * H
        if i % 2 == 0:
            running += gap
            state = clock.pause(state, meter, now)
        else:
            state = clock.resume(state, meter, now)
    assert clock.elapsed(state, meter, now) == running * H


def test_a_clock_resumed_after_its_breach_stays_due_when_it_breached() -> None:
    meter = Meter()
    breached = clock.breach(started(meter), T0 + 24 * H)
    paused = clock.pause(breached, meter, T0 + 30 * H)
    resumed = clock.resume(paused, meter, T0 + 40 * H)
    assert resumed.due_at == resumed.breached_at == T0 + 24 * H


@given(
    start_hour=st.integers(min_value=0, max_value=47),
    hours=st.integers(min_value=0, max_value=200),
    business=st.booleans(),
    end_of_day=st.booleans(),
    row=st.none() | st.integers(min_value=0, max_value=5),
    reason=st.none() | st.text(max_size=5),
    roll=st.booleans(),
    paused_in=st.booleans(),
    holiday_data=st.none() | st.just("holidays 0.109; 2027 provisional"),
)
def test_a_started_clock_is_the_state_its_fields_build(
    start_hour: int,
    hours: int,
    business: bool,
    end_of_day: bool,
    row: int | None,
    reason: str | None,
    roll: bool,
    paused_in: bool,
    holiday_data: str | None,
) -> None:
    """``start`` assembles the state without ``ClockState``'s converters: it must be the
    state ``ClockState(...)`` builds from the same fields, its due instant at a fixed
    offset even when the end rule gives one in the calendar's zone."""
    zone = ZoneInfo("Asia/Shanghai")
    meter = Meter(
        OFFICE if business else None,
        (lambda due: datetime.combine(due.astimezone(zone).date(), time(23, 59), zone))
        if end_of_day
        else None,
    )
    now = (T0 + start_hour * H).astimezone(zone)
    fields = {
        "target": f"{hours}h",
        "calendar": "office" if business else None,
        "business": business,
        "budget": hours * H,
        "row": row,
        "start_reason": reason,
        "calendar_reason": None if reason is None else f"{reason} (calendar)",
        "end": "end_of_day" if end_of_day else "exact",
        "roll": roll,
        "extensions": (Extension("holding_reply", "by", "5d"),) if roll else (),
        "pause_in": (Status.WAITING_ON_CUSTOMER,) if paused_in else None,
        "holiday_data": holiday_data,
    }
    warnings = (WarningPoint("80%", fraction=0.8), WarningPoint("1h", before=H))
    state = clock.start(now, warnings=warnings, meter=meter, cycle=2, **fields)  # type: ignore[arg-type]
    due = meter.advance(fixed(now), hours * H)
    due = due if meter.finish is None else meter.finish(due)
    span = hours * H if meter.finish is None else meter.measure(fixed(now), due)
    built = ClockState(
        state="running",
        started_at=now,
        resumed_at=now,
        due_at=due,
        thresholds=clock.offsets(warnings, span),
        cycle=2,
        **fields,  # type: ignore[arg-type]
    )
    assert state == built
    assert state.to_json() == built.to_json()
    assert state.due_at is not None
    assert isinstance(state.due_at.tzinfo, timezone)
