from datetime import UTC, datetime, timedelta

from complaintkit.sla import clock
from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.clock import Meter
from complaintkit.sla.instants import Instants

T0 = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
HOUR_US = 3_600_000_000


def running(start: datetime, meter: Meter) -> clock.State:
    return clock.start(
        start,
        target="8h",
        calendar=None,
        business=meter.calendar is not None,
        budget_us=8 * HOUR_US,
        thresholds={"50%": 4 * HOUR_US},
        meter=meter,
    )


def test_a_remembered_instant_is_the_computed_one() -> None:
    meters = [Meter(), Meter(BusinessCalendar("UTC", {"mon-fri": ["09:00-17:00"]}))]
    instants = Instants()
    for meter in meters:
        for hours in range(0, 30, 7):
            state = running(T0 + timedelta(hours=hours), meter)
            for offset in (0, HOUR_US, 5 * HOUR_US, 8 * HOUR_US):
                expected = clock.instant_at(state, meter, offset)
                assert instants.at(state, meter, offset) == expected
                assert instants.at(state, meter, offset) == expected  # from the memo


def test_a_full_memo_starts_again_and_still_answers() -> None:
    meter = Meter()
    instants = Instants(size=2)
    states = [running(T0 + timedelta(minutes=m), meter) for m in range(5)]
    for state in states * 2:
        assert instants.at(state, meter, HOUR_US) == clock.instant_at(state, meter, HOUR_US)


def test_a_stopped_clock_has_no_instant() -> None:
    meter = Meter()
    state = clock.stop(running(T0, meter), meter, T0 + timedelta(hours=1), met=True)
    assert Instants().at(state, meter, HOUR_US) is None
