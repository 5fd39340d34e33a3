"""Deadlines of two regimes against an oracle whose holidays are typed out by hand from the
published notices, sharing no data with the ``holidays`` package nor code with
complaintkit's calendars:

- a Chinese consumer hotline (消费者权益保护法 / 12315 practice) open every day, and an
  office open Monday to Friday, 09:00-12:00 and 13:30-18:00: 7个工作日 to settle and 24
  working hours to call back, on the State Council's 2026 放假安排 (国办发明电 2025 7号):
  whole breaks closed, 调休 Saturdays and Sundays worked, a wait for the customer across
  a break costing nothing;
- a London night desk (22:00-06:00, Sunday to Thursday nights) answering in 3 business
  days and 16 business hours, on England's 2026 bank holidays, across both DST changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sla_helpers import complaint, make_desk, shared_plugins

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


def _days(first: date, last: date) -> set[date]:
    return {first + timedelta(days=n) for n in range((last - first).days + 1)}


# --- China: the 2026 arrangement, typed from the notice ------------------------------------

SHANGHAI = ZoneInfo("Asia/Shanghai")
CN_OFF = (
    _days(date(2025, 10, 1), date(2025, 10, 8))  # 2025 国庆、中秋
    | _days(date(2026, 1, 1), date(2026, 1, 3))  # 元旦
    | _days(date(2026, 2, 15), date(2026, 2, 23))  # 春节
    | _days(date(2026, 4, 4), date(2026, 4, 6))  # 清明节
    | _days(date(2026, 5, 1), date(2026, 5, 5))  # 劳动节
    | _days(date(2026, 6, 19), date(2026, 6, 21))  # 端午节
    | _days(date(2026, 9, 25), date(2026, 9, 27))  # 中秋节
    | _days(date(2026, 10, 1), date(2026, 10, 7))  # 国庆节
)
CN_SHIFTS = ((time(9), time(12)), (time(13, 30), time(18)))
HOURS = ("09:00-12:00", "13:30-18:00")
CN_SLA = {
    "calendar": "hotline",
    "targets": [{"resolution": "7个工作日", "first_response": "24 working hours"}],
}


def _cn_policy(days: str) -> dict[str, object]:
    hours = {days: list(HOURS)}
    calendar = {"timezone": "Asia/Shanghai", "hours": hours, "holiday_country": "CN"}
    return {"calendars": {"hotline": calendar}, "sla": CN_SLA}


HOTLINE, OFFICE = _cn_policy("daily"), _cn_policy("mon-fri")


CN_MAKE_UP = {date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9),
              date(2026, 9, 20), date(2026, 10, 10)}  # fmt: skip


def _cn_working(day: date, daily: bool = True) -> bool:
    """A daily hotline works every date outside a break (a 调休 weekend day included); an
    office Monday to Friday outside a break, and the 调休 weekend days."""
    if day in CN_OFF:
        return False
    return daily or day.weekday() < 5 or day in CN_MAKE_UP


def _cn_intervals(start: datetime, daily: bool) -> Iterator[tuple[datetime, datetime]]:
    day = start.astimezone(SHANGHAI).date()
    while True:
        if _cn_working(day, daily):
            for begin, end in CN_SHIFTS:
                lo = datetime.combine(day, begin, SHANGHAI)
                hi = datetime.combine(day, end, SHANGHAI)
                if hi > start:
                    yield max(lo, start), hi
        day += timedelta(days=1)


def _add(intervals: Iterator[tuple[datetime, datetime]], span: timedelta) -> datetime:
    for lo, hi in intervals:
        if hi - lo >= span:
            return lo + span
        span -= hi - lo
    raise AssertionError("unreachable")


def _cn_acceptance(received: datetime, daily: bool) -> datetime:
    day, left = received.astimezone(SHANGHAI).date(), 7
    while left:
        day += timedelta(days=1)
        left -= _cn_working(day, daily)
    return datetime.combine(day, time(18), SHANGHAI)


CN_DATES = [date(2025, 12, 31), date(2026, 1, 3), date(2026, 1, 4), date(2026, 2, 13),
            date(2026, 2, 14), date(2026, 2, 22), date(2026, 2, 23), date(2026, 2, 28),
            date(2026, 4, 3), date(2026, 4, 4), date(2026, 4, 30), date(2026, 5, 9),
            date(2026, 6, 18), date(2026, 9, 20), date(2026, 9, 24), date(2026, 9, 30),
            date(2026, 10, 7), date(2026, 10, 10)]  # fmt: skip
CN_TIMES = [time(0), time(8, 59), time(9), time(11, 59), time(12), time(13), time(13, 30),
            time(17, 59, 59), time(18), time(23, 59, 59)]  # fmt: skip


@st.composite
def cn_receipts(draw: st.DrawFn) -> datetime:
    if draw(st.booleans()):
        day = draw(st.sampled_from(CN_DATES))
        return datetime.combine(day, draw(st.sampled_from(CN_TIMES)), SHANGHAI)
    first = datetime(2025, 12, 20, tzinfo=SHANGHAI)
    return first + timedelta(minutes=draw(st.integers(0, 290 * 24 * 60)))


@SETTINGS
@given(cn_receipts(), st.booleans())
@example(datetime(2026, 2, 13, 18, tzinfo=SHANGHAI), True)  # at the close, the eve of 春节
@example(datetime(2026, 2, 14, 10, tzinfo=SHANGHAI), False)  # on a 调休 Saturday
@example(datetime(2026, 10, 3, 10, tzinfo=SHANGHAI), True)  # a Saturday inside 国庆
@example(datetime(2026, 1, 3, 12, 30, tzinfo=SHANGHAI), False)  # lunch, last day of 元旦
def test_hotline_acceptance_and_call_back_on_the_typed_2026_arrangement(
    received: datetime, daily: bool
) -> None:
    desk, _ = make_desk(HOTLINE if daily else OFFICE, start=received, plugins=shared_plugins())
    case = desk.intake(complaint(at=received))
    metrics = desk.get(case.id).clocks.metrics
    assert metrics["resolution"].due_at == _cn_acceptance(received, daily)
    call_back = _add(_cn_intervals(received, daily), timedelta(hours=24))
    assert metrics["first_response"].due_at == call_back


# --- England: a night desk across DST, typed bank holidays ------------------------------

LONDON = ZoneInfo("Europe/London")
#: gov.uk bank holidays, England and Wales, 2025-2027
ENG_HOLIDAYS = {
    date(2025, 12, 25), date(2025, 12, 26), date(2026, 1, 1), date(2026, 4, 3),
    date(2026, 4, 6), date(2026, 5, 4), date(2026, 5, 25), date(2026, 8, 31),
    date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1),
}  # fmt: skip
NIGHTS = {
    "calendars": {
        "nights": {
            "timezone": "Europe/London",
            "hours": {"sun-thu": ["22:00-06:00"]},
            "holiday_country": "GB",
            "holiday_subdivision": "ENG",
        }
    },
    "sla": {
        "calendar": "nights",
        "targets": [{"resolution": "3 business days", "first_response": "16 business hours"}],
    },
}


def _night_working(day: date) -> bool:
    """A shift belongs to the date it starts on: Sunday to Thursday, not a bank holiday."""
    return day.weekday() in (6, 0, 1, 2, 3) and day not in ENG_HOLIDAYS


def _night_of(day: date) -> tuple[datetime, datetime]:
    """22:00 of ``day`` to 06:00 of the next, as real instants (8 or 9 or 7 hours)."""
    return (
        datetime.combine(day, time(22), LONDON),
        datetime.combine(day + timedelta(days=1), time(6), LONDON),
    )


def _night_intervals(start: datetime) -> Iterator[tuple[datetime, datetime]]:
    day = start.astimezone(LONDON).date() - timedelta(days=1)
    while True:
        if _night_working(day):
            lo, hi = _night_of(day)
            if hi.astimezone(UTC) > start.astimezone(UTC):
                yield max(lo, start, key=lambda t: t.astimezone(UTC)), hi
        day += timedelta(days=1)


def _night_resolution(received: datetime) -> datetime:
    """The close of the 3rd business day after the day of receipt: the date whose shift is
    running at receipt (its small hours belong to the evening it started), else the local
    date."""
    day, left = received.astimezone(LONDON).date(), 3
    eve = day - timedelta(days=1)
    if _night_working(eve) and _night_of(eve)[0] <= received < _night_of(eve)[1]:
        day = eve
    while left:
        day += timedelta(days=1)
        left -= _night_working(day)
    return _night_of(day)[1]


UK_DATES = [date(2026, 3, 28), date(2026, 3, 29), date(2026, 10, 24), date(2026, 10, 25),
            date(2026, 4, 2), date(2026, 4, 5), date(2026, 12, 24), date(2026, 12, 31),
            date(2026, 5, 24), date(2026, 8, 30)]  # fmt: skip
UK_TIMES = [time(0), time(1, 30), time(2, 30), time(5, 59), time(6), time(21, 59),
            time(22), time(23, 30)]  # fmt: skip


@st.composite
def uk_receipts(draw: st.DrawFn) -> datetime:
    if draw(st.booleans()):
        day = draw(st.sampled_from(UK_DATES))
        at = draw(st.sampled_from(UK_TIMES))
        at = at.replace(fold=draw(st.integers(0, 1)))
        return datetime.combine(day, at, LONDON).astimezone(UTC)
    first = datetime(2026, 1, 1, tzinfo=UTC)
    return first + timedelta(minutes=draw(st.integers(0, 364 * 24 * 60)))


@SETTINGS
@given(uk_receipts())
@example(datetime(2026, 10, 25, 0, 30, tzinfo=UTC))  # 01:30 BST, in the repeated hour
@example(datetime(2026, 3, 29, 1, 30, tzinfo=UTC))  # 02:30 BST: just after the skipped hour
@example(datetime(2026, 4, 2, 23, 0, tzinfo=UTC))  # 00:00 Good Friday, in Thursday's shift
@example(datetime(2026, 6, 2, 1, 0, tzinfo=UTC))  # 02:00 Tuesday, in Monday's shift
def test_night_desk_on_typed_bank_holidays_across_dst(received: datetime) -> None:
    desk, _ = make_desk(NIGHTS, start=received, plugins=shared_plugins())
    case = desk.intake(complaint(at=received))
    metrics = desk.get(case.id).clocks.metrics
    assert metrics["resolution"].due_at == _night_resolution(received)
    due = _add(_night_intervals(received), timedelta(hours=16))
    assert metrics["first_response"].due_at == due


def test_receipt_in_a_night_shift_s_small_hours_counts_from_the_evening_it_started() -> None:
    """Received at 02:00 on Tuesday, in Monday night's shift: 0 business days is that shift's
    close (Tuesday 06:00) and 1 business day Tuesday night's (Wednesday 06:00), as for a
    complaint received at 23:00 on Monday."""
    policy = {
        **NIGHTS,
        "sla": {
            "calendar": "nights",
            "targets": [{"resolution": "1 business day", "first_response": "0 business days"}],
        },
    }
    for received in (
        datetime(2026, 6, 1, 23, tzinfo=LONDON),
        datetime(2026, 6, 2, 2, tzinfo=LONDON),
    ):
        desk, _ = make_desk(policy, start=received, plugins=shared_plugins())
        metrics = desk.get(desk.intake(complaint(at=received)).id).clocks.metrics
        assert metrics["first_response"].due_at == datetime(2026, 6, 2, 6, tzinfo=LONDON)
        assert metrics["resolution"].due_at == datetime(2026, 6, 3, 6, tzinfo=LONDON)


def _cn_between(start: datetime, end: datetime) -> timedelta:
    total = timedelta(0)
    for lo, hi in _cn_intervals(start, False):
        if lo >= end:
            return total
        total += min(hi, end) - lo
    raise AssertionError("unreachable")


@SETTINGS
@given(cn_receipts(), st.integers(0, 10 * 24 * 60), st.integers(0, 15 * 24 * 60))
@example(datetime(2026, 2, 12, 10, tzinfo=SHANGHAI), 29 * 60, 11 * 24 * 60)  # over 春节
def test_office_waiting_on_the_customer_across_a_break_keeps_the_working_time_left(
    received: datetime, pause: int, wait: int
) -> None:
    """A pause keeps the working time left to the deadline, which counts again from the
    resumption: days of a break spent waiting cost nothing."""
    desk, clock = make_desk(OFFICE, start=received, plugins=shared_plugins())
    case = desk.intake(complaint(at=received))
    due = desk.get(case.id).clocks.metrics["resolution"].due_at
    assert due is not None
    paused = received + timedelta(minutes=pause)
    resumed = paused + timedelta(minutes=wait)
    if paused >= due:
        return
    clock.set(paused)
    desk.transition(case.id, "investigating", actor="li.na")
    desk.transition(case.id, "waiting_on_customer", actor="li.na")
    clock.set(resumed)
    desk.transition(case.id, "investigating", actor="li.na")
    left = _cn_between(paused, due)
    expected = _add(_cn_intervals(resumed, False), left)
    assert desk.get(case.id).clocks.metrics["resolution"].due_at == expected
