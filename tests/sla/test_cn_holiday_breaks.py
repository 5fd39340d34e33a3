"""China's holiday breaks on calendars that work weekends.

The holidays package lists a break's statutory days and the weekdays swapped for make-up
days, not the Saturdays and Sundays the State Council notice puts inside the break: a
``daily`` or ``mon-sat`` CN calendar counted them as working days, so ``3个工作日`` from
2026-09-30 ended on 9 October, inside what the notice calls 国庆 10月1日至7日 plus two days.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from importlib.metadata import version
from zoneinfo import ZoneInfo

import holidays as holidays_package
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.durations import parse_duration

SHANGHAI = ZoneInfo("Asia/Shanghai")

#: The State Council's 放假安排, as its notices write them: each break's first and last day
#: off, and the Saturdays and Sundays worked (上班).
NOTICES: dict[int, tuple[tuple[tuple[str, str], ...], tuple[str, ...]]] = {
    2025: (
        (
            ("2025-01-01", "2025-01-01"),  # 元旦 1月1日
            ("2025-01-28", "2025-02-04"),  # 春节 1月28日至2月4日
            ("2025-04-04", "2025-04-06"),  # 清明 4月4日至6日
            ("2025-05-01", "2025-05-05"),  # 劳动节 5月1日至5日
            ("2025-05-31", "2025-06-02"),  # 端午 5月31日至6月2日
            ("2025-10-01", "2025-10-08"),  # 国庆中秋 10月1日至8日
        ),
        ("2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"),
    ),
    2026: (
        (
            ("2026-01-01", "2026-01-03"),  # 元旦 1月1日至3日
            ("2026-02-15", "2026-02-23"),  # 春节 2月15日至23日
            ("2026-04-04", "2026-04-06"),  # 清明 4月4日至6日
            ("2026-05-01", "2026-05-05"),  # 劳动节 5月1日至5日
            ("2026-06-19", "2026-06-21"),  # 端午 6月19日至21日
            ("2026-09-25", "2026-09-27"),  # 中秋 9月25日至27日
            ("2026-10-01", "2026-10-07"),  # 国庆 10月1日至7日
        ),
        ("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"),
    ),
}


def _days_off(year: int) -> set[date]:
    found: set[date] = set()
    for first, last in NOTICES[year][0]:
        day = date.fromisoformat(first)
        while day <= date.fromisoformat(last):
            found.add(day)
            day += timedelta(days=1)
    return found


def _year(year: int) -> list[date]:
    return [date(year, 1, 1) + timedelta(days=n) for n in range(366) if (n < 365 or year % 4 == 0)]


def cn(hours: object, **more: object) -> BusinessCalendar:
    return BusinessCalendar.from_mapping(
        {"timezone": "Asia/Shanghai", "hours": hours, "holiday_country": "CN", **more}
    )


DAILY = cn({"daily": ["09:00-18:00"]})
SIX_DAYS = cn({"mon-sat": ["08:30-18:00"]})


@pytest.mark.parametrize("year", sorted(NOTICES))
def test_a_daily_calendar_closes_exactly_the_notices_breaks(year: int) -> None:
    off = _days_off(year)
    closed = {day for day in _year(year) if not DAILY.is_business_day(day)}
    assert sorted(closed) == sorted(off)


@pytest.mark.parametrize("year", sorted(NOTICES))
def test_a_six_day_calendar_closes_the_breaks_and_other_sundays(year: int) -> None:
    worked = {date.fromisoformat(day) for day in NOTICES[year][1]}
    expected = {
        day
        for day in _year(year)
        if day in _days_off(year) or (day.weekday() == 6 and day not in worked)
    }
    closed = {day for day in _year(year) if not SIX_DAYS.is_business_day(day)}
    assert sorted(closed) == sorted(expected)


@pytest.mark.parametrize("year", sorted(NOTICES))
def test_the_notices_make_up_days_stay_worked(year: int) -> None:
    for text in NOTICES[year][1]:
        day = date.fromisoformat(text)
        assert DAILY.is_make_up_day(day)
        assert DAILY.is_business_day(day)


def test_three_working_days_from_the_eve_of_national_day_end_on_the_make_up_saturday() -> None:
    start = datetime(2026, 9, 30, 10, 0, tzinfo=SHANGHAI)
    due = DAILY.deadline(start, parse_duration("3个工作日"))
    assert due == datetime(2026, 10, 10, 18, 0, tzinfo=SHANGHAI)  # 8, 9, 10 October


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 10, 4), "National Day (break)"),
        (date(2026, 2, 21), "Chinese New Year (Spring Festival) (break)"),
        (date(2026, 2, 15), "Chinese New Year (Spring Festival) (break)"),
        (date(2026, 1, 3), "New Year's Day (break)"),
        (date(2026, 4, 4), "Tomb-Sweeping Day (break)"),
    ],
)
def test_a_weekend_day_of_a_break_is_named_after_the_break(day: date, name: str) -> None:
    assert DAILY.holiday_name(day) == name
    assert DAILY.why_closed(day) == f"holiday: {name}"


def test_a_break_reaching_across_new_year_closes_the_old_years_weekend() -> None:
    # 2018: 元旦 2017年12月30日至2018年1月1日; 2019: 2018年12月30日至2019年1月1日, 12月29日上班
    assert not DAILY.is_business_day(date(2017, 12, 30))
    assert not DAILY.is_business_day(date(2017, 12, 31))
    assert DAILY.holiday_name(date(2017, 12, 31)) == "New Year's Day (break)"
    assert not DAILY.is_business_day(date(2018, 12, 30))
    assert DAILY.is_make_up_day(date(2018, 12, 29))


def test_a_holiday_on_a_weekend_alone_takes_no_other_weekend_day() -> None:
    # 2015: 中秋节 9月27日放假 (a Sunday, no weekday off): Saturday the 26th was worked
    assert DAILY.holiday_name(date(2015, 9, 27)) == "Mid-Autumn Festival"
    assert DAILY.is_business_day(date(2015, 9, 26))
    # the same notice: 清明节 4月5日放假, 4月6日(星期一)补休, a break with Saturday the 4th
    assert not DAILY.is_business_day(date(2015, 4, 4))


def test_a_provisional_year_gets_its_computed_breaks_and_stays_provisional() -> None:
    assert DAILY.holiday_data_status(2027) == "provisional"
    assert DAILY.holiday_name(date(2027, 4, 3)) == "Tomb-Sweeping Day (break)"  # Mon 5 April


def test_the_policys_own_lists_win_over_a_break() -> None:
    calendar = cn({"daily": ["09:00-18:00"]}, working_days={"2026-10-04": "mon"})
    assert calendar.is_business_day(date(2026, 10, 4))
    assert calendar.why_open(date(2026, 10, 4)) == "working day listed in the policy"


def test_other_countries_keep_their_weekends() -> None:
    england = BusinessCalendar.from_mapping(
        {
            "timezone": "Europe/London",
            "hours": {"daily": ["09:00-17:00"]},
            "holiday_country": "GB",
            "holiday_subdivision": "ENG",
        }
    )
    assert england.why_closed(date(2026, 8, 31)) == "holiday: Late Summer Bank Holiday"
    assert england.is_business_day(date(2026, 8, 29))  # the weekend before it
    assert england.is_business_day(date(2026, 8, 30))


def test_clocks_on_a_cn_calendar_record_the_break_rule() -> None:
    assert DAILY.data_version() == f"{_package()} + CN breaks 1"
    gb = BusinessCalendar.from_mapping(
        {"timezone": "Europe/London", "hours": "24x7", "holiday_country": "GB"}
    )
    assert gb.data_version() == _package()


def _package() -> str:
    return f"holidays {version('holidays')}"


# -- mon-fri calendars do not change ------------------------------------------------------

WEEKDAY_HOURS = (
    {"mon-fri": ["09:00-12:00", "13:30-17:30"]},
    {"mon-fri": ["22:00-06:00"]},
    {"mon-thu": ["08:00-20:00"], "fri": ["08:00-12:00", "20:00-03:00"]},
)


def _before(hours: dict[str, list[str]]) -> BusinessCalendar:
    """The calendar as it was before the breaks: the package's own days off and make-up
    days, written out as the policy's lists (2024 to 2028, around the years compared)."""
    off: dict[date, str] = {}
    worked: set[date] = set()
    for year in range(2024, 2029):
        table = holidays_package.country_holidays("CN", years=year)
        off.update(table.items())
        worked.update(day for day in table.weekend_workdays if day.year == year)
    return BusinessCalendar.from_mapping(
        {
            "timezone": "Asia/Shanghai",
            "hours": hours,
            "holidays": sorted(day.isoformat() for day in set(off) - worked),
            "working_days": {day.isoformat(): "mon" for day in sorted(worked)},
        }
    )


PAIRS = [(cn(hours), _before(hours)) for hours in WEEKDAY_HOURS]


@pytest.mark.parametrize("index", range(len(WEEKDAY_HOURS)))
def test_a_weekday_calendar_works_the_same_days_and_hours_2025_to_2027(index: int) -> None:
    after, before = PAIRS[index]
    for year in (2025, 2026, 2027):
        for day in _year(year):
            midnight = datetime(day.year, day.month, day.day, tzinfo=SHANGHAI)
            following = midnight + timedelta(days=1)
            assert after.is_business_day(day) == before.is_business_day(day), day
            assert after.close_of_day(day) == before.close_of_day(day), day
            assert after.elapsed(midnight, following) == before.elapsed(midnight, following), day


@settings(max_examples=200, deadline=None)
@given(
    index=st.integers(0, len(WEEKDAY_HOURS) - 1),
    start=st.datetimes(
        min_value=datetime(2025, 1, 1),  # noqa: DTZ001 - bounds for hypothesis
        max_value=datetime(2027, 10, 31),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
    minutes=st.integers(0, 60 * 24 * 40),
)
def test_a_weekday_calendar_reaches_the_same_instants(
    index: int, start: datetime, minutes: int
) -> None:
    after, before = PAIRS[index]
    assert after.is_working(start) == before.is_working(start)
    assert after.next_working_instant(start) == before.next_working_instant(start)
    duration = timedelta(minutes=minutes)
    assert after.add(start, duration) == before.add(start, duration)
