from datetime import UTC, datetime, timedelta, timezone

from complaintkit.model.clocks import ClockState
from complaintkit.sla import clock
from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.clock import Meter
from complaintkit.sla.instants import Instants
from complaintkit.sla.metrics import WarningPoint

T0 = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
HOUR = timedelta(hours=1)


def running(start: datetime, meter: Meter) -> ClockState:
    return clock.start(
        start,
        target="8h",
        calendar=None,
        business=meter.calendar is not None,
        budget=8 * HOUR,
        warnings=(WarningPoint("50%", fraction=0.5),),
        meter=meter,
    )


def test_a_remembered_instant_is_the_computed_one() -> None:
    meters = [Meter(), Meter(BusinessCalendar("UTC", {"mon-fri": ["09:00-17:00"]}))]
    instants = Instants()
    for meter in meters:
        for hours in range(0, 30, 7):
            state = running(T0 + timedelta(hours=hours), meter)
            for offset in (timedelta(0), HOUR, 5 * HOUR, 8 * HOUR):
                expected = clock.instant_at(state, meter, offset)
                assert instants.at(state, meter, offset) == expected
                assert instants.at(state, meter, offset) == expected  # from the memo


def test_a_full_memo_starts_again_and_still_answers() -> None:
    meter = Meter()
    instants = Instants(size=2)
    states = [running(T0 + timedelta(minutes=m), meter) for m in range(5)]
    for state in states * 2:
        assert instants.at(state, meter, HOUR) == clock.instant_at(state, meter, HOUR)


def test_a_stopped_clock_has_no_instant() -> None:
    meter = Meter()
    state = clock.stop(running(T0, meter), meter, T0 + timedelta(hours=1), met=True)
    assert Instants().at(state, meter, HOUR) is None


def test_the_same_instant_in_another_zone_is_answered_in_that_zone() -> None:
    meter = Meter()
    instants = Instants()
    utc = running(T0, meter)
    shanghai = running(T0.astimezone(timezone(timedelta(hours=8))), meter)
    assert instants.at(utc, meter, HOUR) == instants.at(shanghai, meter, HOUR)
    answer = instants.at(shanghai, meter, HOUR)
    assert answer is not None
    assert answer.utcoffset() == timedelta(hours=8)
