from datetime import UTC, datetime, timedelta, timezone

from complaintkit.model.clocks import ClockState
from complaintkit.sla import clock
from complaintkit.sla.clock import Meter
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


def test_a_stopped_clock_has_no_instant() -> None:
    meter = Meter()
    state = clock.stop(running(T0, meter), meter, T0 + timedelta(hours=1), met=True)
    assert clock.instant_at(state, meter, HOUR) is None


def test_the_same_instant_in_another_zone_is_answered_in_that_zone() -> None:
    meter = Meter()
    utc = running(T0, meter)
    shanghai = running(T0.astimezone(timezone(timedelta(hours=8))), meter)
    assert clock.instant_at(utc, meter, HOUR) == clock.instant_at(shanghai, meter, HOUR)
    answer = clock.instant_at(shanghai, meter, HOUR)
    assert answer is not None
    assert answer.utcoffset() == timedelta(hours=8)
