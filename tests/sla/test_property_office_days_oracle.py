"""The property policy's office (policies/property/property-management.yaml: Monday to
Saturday 08:30-18:00, holiday_country CN) against working days counted by hand over the
State Council's notices for 2025 and 2026, written out below with each break's every day
(the Saturdays inside a break are closed too) and the make-up days (调休上班).

A fee complaint's 5 business days end at 18:00 on the 5th working day after the day of
receipt, which never counts; its 24-hour first response is 24 real hours, holidays or not
(24小时内首次回复, seeds 001 and 004). Business hours on the office's calendar run only in
its hours on those working days, and adding then measuring them round-trips."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.sla.calendar import BusinessCalendar

POLICY = Path(__file__).parents[2] / "policies" / "property" / "property-management.yaml"
SHANGHAI = ZoneInfo("Asia/Shanghai")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def _span(first: str, last: str) -> set[date]:
    day, end = date.fromisoformat(first), date.fromisoformat(last)
    days = set()
    while day <= end:
        days.add(day)
        day += timedelta(days=1)
    return days


#: Every day of each break (放假), weekend days included.
BREAKS = frozenset().union(
    # 2025: 元旦; 春节 1.28-2.4; 清明 4.4-6; 劳动节 5.1-5; 端午 5.31-6.2; 国庆中秋 10.1-8
    _span("2025-01-01", "2025-01-01"), _span("2025-01-28", "2025-02-04"),
    _span("2025-04-04", "2025-04-06"), _span("2025-05-01", "2025-05-05"),
    _span("2025-05-31", "2025-06-02"), _span("2025-10-01", "2025-10-08"),
    # 2026: 元旦 1.1-3; 春节 2.15-23; 清明 4.4-6; 劳动节 5.1-5; 端午 6.19-21; 中秋 9.25-27;
    # 国庆 10.1-7
    _span("2026-01-01", "2026-01-03"), _span("2026-02-15", "2026-02-23"),
    _span("2026-04-04", "2026-04-06"), _span("2026-05-01", "2026-05-05"),
    _span("2026-06-19", "2026-06-21"), _span("2026-09-25", "2026-09-27"),
    _span("2026-10-01", "2026-10-07"),
)  # fmt: skip
#: Weekend days worked (调休上班).
MAKE_UP_DAYS = frozenset(
    date.fromisoformat(day)
    for day in (
        "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
        "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
    )
)  # fmt: skip


def working(day: date) -> bool:
    return day in MAKE_UP_DAYS or (day.weekday() < 6 and day not in BREAKS)


def fifth_working_day_after(day: date) -> date:
    n = 5
    while n:
        day += timedelta(days=1)
        n -= working(day)
    return day


@cache
def policy() -> Policy:
    return load_policy(POLICY)


SPECIAL = sorted(BREAKS | MAKE_UP_DAYS)
TIMES = [time(0), time(8, 29, 59), time(8, 30), time(17, 59, 59), time(18), time(23, 59, 59)]
FIRST, LAST = datetime(2025, 1, 1, tzinfo=SHANGHAI), datetime(2026, 12, 15, tzinfo=SHANGHAI)


@st.composite
def receipts(draw: st.DrawFn) -> datetime:
    """A telling wall time on or beside a break or make-up day, or any minute of 2025-2026."""
    if draw(st.booleans()):
        day = draw(st.sampled_from(SPECIAL)) + timedelta(days=draw(st.integers(-1, 1)))
        return datetime.combine(day, draw(st.sampled_from(TIMES)), SHANGHAI)
    minutes = int((LAST - FIRST).total_seconds() // 60)
    return FIRST + timedelta(minutes=draw(st.integers(0, minutes)))


@SETTINGS
@given(receipts())
@example(datetime(2026, 2, 13, 18, tzinfo=SHANGHAI))  # Friday before 春节, at closing time
@example(datetime(2026, 10, 3, 10, tzinfo=SHANGHAI))  # a Saturday inside 国庆
@example(datetime(2026, 9, 19, 18, tzinfo=SHANGHAI))  # Saturday's close, Sunday a make-up day
def test_a_fee_complaint_is_due_at_the_close_of_the_fifth_working_day(received: datetime) -> None:
    desk = Desk(policy(), clock=ManualClock(received))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "P-1",
            "received_at": received.isoformat(),
            "customer": {"id": "C-1"},
            "text": "物业费多收了",
        }
    )
    metrics = desk.get(case.id).clocks.metrics
    due = datetime.combine(fifth_working_day_after(received.date()), time(18), SHANGHAI)
    assert metrics["resolution"].due_at == due
    assert metrics["first_response"].due_at == received + timedelta(hours=24)


@cache
def office() -> BusinessCalendar:
    data = yaml.safe_load(POLICY.read_text(encoding="utf-8"))
    return BusinessCalendar.from_mapping(data["calendars"]["office"])


def open_hours(start: datetime, end: datetime) -> timedelta:
    """The office's hours between two instants, counted by hand over the oracle's days."""
    total, day = timedelta(0), start.astimezone(SHANGHAI).date()
    while day <= end.astimezone(SHANGHAI).date():
        if working(day):
            opens = datetime.combine(day, time(8, 30), SHANGHAI)
            closes = datetime.combine(day, time(18), SHANGHAI)
            total += max(min(closes, end) - max(opens, start), timedelta(0))
        day += timedelta(days=1)
    return total


@SETTINGS
@given(receipts(), st.integers(1, 120 * 3600))
@example(datetime(2026, 2, 13, 18, tzinfo=SHANGHAI), 4 * 3600)  # 4 hours at the close before 春节
@example(datetime(2026, 9, 19, 17, tzinfo=SHANGHAI), 4 * 3600)  # into the make-up Sunday
@example(datetime(2026, 9, 30, 17, 59, 59, tzinfo=SHANGHAI), 2)  # one second, then 国庆
def test_business_hours_run_only_in_office_hours_on_working_days(
    received: datetime, seconds: int
) -> None:
    duration = timedelta(seconds=seconds)
    due = office().add(received, duration)
    assert open_hours(received, due) == duration
    assert office().elapsed(received, due) == duration
    local = due.astimezone(SHANGHAI)
    assert working(local.date())
    assert time(8, 30) < local.time() <= time(18)


def fourth_duty_hour(received: datetime) -> datetime:
    """When the duty desk has worked four hours since receipt, found by hand: each day's
    08:30-18:00, holidays and Sundays too, taken in turn until four hours are used."""
    left, day = timedelta(hours=4), received.astimezone(SHANGHAI).date()
    while True:
        opens = max(datetime.combine(day, time(8, 30), SHANGHAI), received)
        closes = datetime.combine(day, time(18), SHANGHAI)
        if closes - opens >= left:
            return opens + left
        left -= max(closes - opens, timedelta(0))
        day += timedelta(days=1)


@SETTINGS
@given(receipts())
@example(datetime(2026, 11, 23, 20, 30, tzinfo=SHANGHAI))  # Monday evening, the office shut
@example(datetime(2026, 11, 23, 17, tzinfo=SHANGHAI))  # an hour before the close
@example(datetime(2026, 9, 30, 19, tzinfo=SHANGHAI))  # the eve of 国庆
def test_a_facility_fault_is_answered_within_four_daytime_hours(received: datetime) -> None:
    """A broken door entry reported after the 18:00 close is answered by the duty desk
    when it opens, four daytime hours on, never in the night, and before the repair is due
    (24 real hours), holidays or not."""
    desk = Desk(policy(), clock=ManualClock(received))
    case = desk.intake(
        {
            "channel": "hotline",
            "external_id": "P-2",
            "received_at": received.isoformat(),
            "customer": {"id": "R-1"},
            "text": "门禁坏了",
        }
    )
    assert desk.get(case.id).category == "facility"
    metrics = desk.get(case.id).clocks.metrics
    assert metrics["first_response"].due_at == fourth_duty_hour(received)
    assert metrics["resolution"].due_at == received + timedelta(hours=24)
    assert metrics["first_response"].due_at < metrics["resolution"].due_at
