"""Business calendar arithmetic: units, invariants, DST, composition and an oracle."""

from __future__ import annotations

import importlib.metadata
import random
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import businesstimedelta as btd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.errors import ConfigError, InvalidInput
from complaintkit.sla import calendar as calendar_module
from complaintkit.sla.calendar import BusinessCalendar, CalendarInvalid
from complaintkit.sla.durations import Duration, parse_duration
from complaintkit.sla.hours import Shift, WeeklyHours
from complaintkit.sla.timeline import HOLIDAY_DATA, Timeline
from complaintkit.sla.timezones import parse_timezone

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
PLUS8 = timezone(timedelta(hours=8))
H = timedelta(hours=1)

OFFICE = {"mon-fri": ["09:00-12:00", "13:30-18:00"]}


def office(zone: str = "Asia/Shanghai", **extra: object) -> BusinessCalendar:
    return BusinessCalendar.from_mapping({"timezone": zone, "hours": OFFICE, **extra})


def at(zone: ZoneInfo | timezone, year: int, month: int, day: int, *clock: int) -> datetime:
    hour, minute = (*clock, 0, 0)[:2]
    return datetime(year, month, day, hour, minute, tzinfo=zone)


# -- weekly hours and lunch breaks -------------------------------------------------------


def test_lunch_break_is_skipped() -> None:
    assert office().add(at(SHANGHAI, 2026, 3, 2, 11), 2 * H) == at(SHANGHAI, 2026, 3, 2, 14, 30)


def test_duration_ending_at_interval_end_returns_that_end() -> None:
    assert office().add(at(SHANGHAI, 2026, 3, 2, 11), H) == at(SHANGHAI, 2026, 3, 2, 12)


def test_zero_duration_returns_start_even_outside_hours() -> None:
    saturday = at(SHANGHAI, 2026, 3, 7, 10)
    assert office().add(saturday, timedelta(0)) == saturday


def test_start_outside_hours_counts_from_next_opening() -> None:
    assert office().add(at(SHANGHAI, 2026, 3, 7, 10), H) == at(SHANGHAI, 2026, 3, 9, 10)


def test_result_is_in_the_zone_of_start() -> None:
    result = office().add(at(UTC, 2026, 3, 2, 3), H)
    assert result.tzinfo is UTC
    assert result == at(SHANGHAI, 2026, 3, 2, 12)


def test_long_duration_skips_whole_weeks() -> None:
    cal = office()
    start = at(SHANGHAI, 2026, 3, 2, 9)
    assert cal.add(start, 7.5 * 5 * 10 * H) == at(SHANGHAI, 2026, 5, 8, 18)
    assert cal.elapsed(start, at(SHANGHAI, 2026, 5, 8, 18)) == 7.5 * 5 * 10 * H


def test_elapsed_is_zero_when_end_is_not_after_start() -> None:
    cal = office()
    assert cal.elapsed(at(SHANGHAI, 2026, 3, 3), at(SHANGHAI, 2026, 3, 2)) == timedelta(0)


def test_is_working_and_next_working_instant() -> None:
    cal = office()
    assert cal.is_working(at(SHANGHAI, 2026, 3, 2, 9))
    assert not cal.is_working(at(SHANGHAI, 2026, 3, 2, 12))
    assert cal.next_working_instant(at(SHANGHAI, 2026, 3, 2, 12)) == at(
        SHANGHAI, 2026, 3, 2, 13, 30
    )
    inside = at(SHANGHAI, 2026, 3, 2, 10)
    assert cal.next_working_instant(inside) == inside


def test_always_counts_every_instant() -> None:
    cal = BusinessCalendar.always("Europe/London")
    start = at(LONDON, 2026, 3, 28, 12)
    assert cal.add(start, 48 * H) == start.astimezone(UTC) + 48 * H
    assert cal.elapsed(start, at(LONDON, 2026, 3, 30, 12)) == 47 * H


# -- overnight shifts --------------------------------------------------------------------


def night(**extra: object) -> BusinessCalendar:
    return BusinessCalendar.from_mapping(
        {"timezone": "Asia/Shanghai", "hours": {"mon-fri": ["22:00-06:00"]}, **extra}
    )


def test_overnight_shift_runs_into_next_morning() -> None:
    cal = night()
    assert cal.add(at(SHANGHAI, 2026, 3, 2, 23), 7 * H) == at(SHANGHAI, 2026, 3, 3, 6)
    assert cal.add(at(SHANGHAI, 2026, 3, 2, 23), 7 * H + timedelta(minutes=1)) == at(
        SHANGHAI, 2026, 3, 3, 22, 1
    )
    assert cal.is_working(at(SHANGHAI, 2026, 3, 7, 5))  # Friday's shift ends Saturday 06:00


def test_holiday_cancels_the_shift_starting_that_day_only() -> None:
    cal = night(holidays=["2026-03-03"])
    assert cal.is_working(at(SHANGHAI, 2026, 3, 3, 5))
    assert not cal.is_working(at(SHANGHAI, 2026, 3, 3, 23))


def test_overnight_business_day_closes_next_morning() -> None:
    cal = night()
    assert cal.add_business_days(at(SHANGHAI, 2026, 3, 2, 12), 1) == at(SHANGHAI, 2026, 3, 4, 6)


# -- holidays and make-up days -----------------------------------------------------------


def test_country_holidays_come_from_the_holidays_package() -> None:
    cal = office(holiday_country="CN")
    assert cal.is_holiday(date(2026, 10, 1))
    assert not cal.is_working(at(SHANGHAI, 2026, 10, 1, 10))
    assert cal.add(at(SHANGHAI, 2026, 9, 30, 17), 2 * H) == at(SHANGHAI, 2026, 10, 8, 10)


def test_explicit_holiday() -> None:
    cal = office(holidays=["2026-03-03"])
    assert cal.add(at(SHANGHAI, 2026, 3, 2, 17), 2 * H) == at(SHANGHAI, 2026, 3, 4, 10)


def test_make_up_day_borrows_a_weekdays_hours() -> None:
    cal = office(holiday_country="CN", working_days={"2026-09-20": "mon"})
    assert cal.is_working(at(SHANGHAI, 2026, 9, 20, 10))
    assert not cal.is_working(at(SHANGHAI, 2026, 9, 20, 12, 30))
    assert cal.add(at(SHANGHAI, 2026, 9, 19, 17), 2 * H) == at(SHANGHAI, 2026, 9, 20, 11)


def test_make_up_day_with_its_own_hours_overrides_a_public_holiday() -> None:
    cal = office(holiday_country="CN", working_days={"2026-10-01": ["10:00-11:00"]})
    assert not cal.is_holiday(date(2026, 10, 1))
    assert cal.elapsed(at(SHANGHAI, 2026, 10, 1), at(SHANGHAI, 2026, 10, 2)) == H


def test_an_explicit_holiday_closes_a_make_up_day() -> None:
    """A company that does not work 调休 lists the make-up Saturday as its own holiday."""
    cal = office(holiday_country="CN", holidays=["2026-02-14"])
    saturday = date(2026, 2, 14)
    assert cal.is_holiday(saturday)
    assert not cal.is_make_up_day(saturday)
    assert not cal.is_business_day(saturday)
    assert not cal.is_working(at(SHANGHAI, 2026, 2, 14, 10))
    assert cal.why_closed(saturday) == "holiday: holiday"
    assert cal.why_open(saturday) == ""
    # Spring Festival runs 15-23 February: Friday's next business day is Tuesday 24th
    assert cal.add_business_days(at(SHANGHAI, 2026, 2, 13, 10), 1) == at(SHANGHAI, 2026, 2, 24, 18)
    assert cal.is_make_up_day(date(2026, 2, 28))  # the other make-up day is still worked


def test_an_explicit_holiday_on_a_weekend_or_public_holiday_stays_closed() -> None:
    cal = office(holiday_country="CN", holidays=["2026-03-07", "2026-10-01"])
    assert cal.is_holiday(date(2026, 3, 7))
    assert cal.why_closed(date(2026, 3, 7)) == "holiday: holiday"
    assert cal.holiday_name(date(2026, 10, 1)) == "National Day"
    assert not cal.is_business_day(date(2026, 10, 1))


def test_a_working_day_of_the_policy_wins_over_every_holiday() -> None:
    cal = office(
        holiday_country="CN",
        working_days={"2026-02-14": ["10:00-12:00"], "2026-02-17": "mon", "2026-03-07": "mon"},
    )
    for day in (date(2026, 2, 14), date(2026, 2, 17), date(2026, 3, 7)):
        assert cal.is_business_day(day)
        assert not cal.is_holiday(day)
        assert cal.why_open(day) == "working day listed in the policy"
    assert cal.elapsed(at(SHANGHAI, 2026, 2, 14), at(SHANGHAI, 2026, 2, 15)) == 2 * H


# -- business days -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        ((2026, 3, 2, 10), 3, (2026, 3, 5, 18)),
        ((2026, 3, 2, 8), 1, (2026, 3, 3, 18)),
        ((2026, 3, 6, 19), 1, (2026, 3, 9, 18)),
        ((2026, 3, 7, 10), 1, (2026, 3, 9, 18)),
        ((2026, 3, 2, 10), 0, (2026, 3, 2, 18)),
        ((2026, 3, 2, 18), 0, (2026, 3, 3, 18)),
        ((2026, 9, 30, 10), 1, (2026, 10, 8, 18)),
    ],
)
def test_add_business_days(start: tuple[int, ...], days: int, due: tuple[int, ...]) -> None:
    cal = office(holiday_country="CN")
    assert cal.add_business_days(at(SHANGHAI, *start), days) == at(SHANGHAI, *due)


def test_negative_business_days_are_refused() -> None:
    with pytest.raises(InvalidInput, match="days"):
        office().add_business_days(at(SHANGHAI, 2026, 3, 2), -1)


# -- composition -------------------------------------------------------------------------


def test_intersect_across_timezones() -> None:
    team = office()
    customer = BusinessCalendar.from_mapping(
        {"timezone": "Europe/London", "hours": {"mon-fri": ["09:00-17:00"]}}
    )
    both = team.intersect(customer)
    # London 09:00 is 17:00 in Shanghai in winter (GMT) and 16:00 in summer (BST).
    assert both.elapsed(at(SHANGHAI, 2026, 3, 2), at(SHANGHAI, 2026, 3, 3)) == H
    assert both.elapsed(at(SHANGHAI, 2026, 6, 1), at(SHANGHAI, 2026, 6, 2)) == 2 * H
    assert both.add(at(SHANGHAI, 2026, 3, 2, 9), 90 * timedelta(minutes=1)) == at(
        SHANGHAI, 2026, 3, 3, 17, 30
    )


def test_intersect_with_a_regions_holidays() -> None:
    region = BusinessCalendar("Asia/Shanghai", WeeklyHours.always(), holiday_country="CN")
    cal = office(zone="UTC+08:00").intersect(region)
    assert not cal.is_working(at(SHANGHAI, 2026, 10, 1, 10))
    assert cal.add(at(SHANGHAI, 2026, 9, 30, 17), 2 * H) == at(SHANGHAI, 2026, 10, 8, 10)


def test_union_of_two_shifts() -> None:
    early = BusinessCalendar("UTC", {"daily": ["06:00-14:00"]})
    late = BusinessCalendar("UTC", {"daily": ["12:00-22:00"]})
    both = early.union(late, name="cover")
    assert both.elapsed(at(UTC, 2026, 3, 2), at(UTC, 2026, 3, 3)) == 16 * H
    assert both.add(at(UTC, 2026, 3, 2, 21), 2 * H) == at(UTC, 2026, 3, 3, 7)


def test_union_with_always_is_always() -> None:
    cal = office().union(BusinessCalendar.always())
    assert cal.add(at(UTC, 2026, 3, 7), 72 * H) == at(UTC, 2026, 3, 10)


def test_calendar_without_working_time_raises() -> None:
    mornings = BusinessCalendar("UTC", {"daily": ["06:00-08:00"]})
    evenings = BusinessCalendar("UTC", {"daily": ["18:00-20:00"]})
    with pytest.raises(ConfigError, match="no working time"):
        mornings.intersect(evenings).add(at(UTC, 2026, 1, 1), H)


# -- DST and fixed offsets ---------------------------------------------------------------


def test_interval_across_spring_forward_has_its_real_length() -> None:
    cal = BusinessCalendar("America/New_York", {"sun": ["01:00-04:00"]})
    assert cal.elapsed(at(NEW_YORK, 2026, 3, 8), at(NEW_YORK, 2026, 3, 9)) == 2 * H
    assert cal.add(at(NEW_YORK, 2026, 3, 8, 1), 2 * H) == at(NEW_YORK, 2026, 3, 8, 4)


def test_interval_across_fall_back_has_its_real_length() -> None:
    cal = BusinessCalendar("America/New_York", {"sun": ["01:00-04:00"]})
    assert cal.elapsed(at(NEW_YORK, 2026, 11, 1), at(NEW_YORK, 2026, 11, 2)) == 4 * H


def test_london_night_shift_across_dst() -> None:
    cal = BusinessCalendar("Europe/London", {"sat": ["22:00-06:00"]})
    assert cal.elapsed(at(LONDON, 2026, 3, 28), at(LONDON, 2026, 3, 30)) == 7 * H
    assert cal.elapsed(at(LONDON, 2026, 10, 24), at(LONDON, 2026, 10, 26)) == 9 * H


def test_add_calendar_days_follow_wall_clock_hours_are_real() -> None:
    cal = BusinessCalendar.always("America/New_York")
    start = at(NEW_YORK, 2026, 3, 7, 9)
    assert cal.add_calendar(start, Duration(days=1)) == at(NEW_YORK, 2026, 3, 8, 9)
    assert cal.add_calendar(start, 24 * H) == at(NEW_YORK, 2026, 3, 8, 10)
    assert cal.add_calendar(start, parse_duration("8 weeks")) == at(NEW_YORK, 2026, 5, 2, 9)
    assert cal.deadline(start, parse_duration("1d 4h")) == at(NEW_YORK, 2026, 3, 8, 13)


@pytest.mark.parametrize(
    ("zone", "start", "text", "real"),
    [
        # 01:30 EST, the second 01:30 of 1 November 2026 in New York (06:30 UTC): 2 hours
        # later is 03:30 EST, 08:30 UTC, not 07:30 (two hours after the first 01:30)
        ("America/New_York", datetime(2026, 11, 1, 6, 30, tzinfo=UTC), "2 hours", 2 * H),
        ("America/New_York", datetime(2026, 11, 1, 6, 30, tzinfo=UTC), "24h", 24 * H),
        # Lord Howe goes back half an hour at 02:00 on 5 April 2026: 15:15 UTC is the second
        # 01:45 (+10:30); an hour later is 16:15 UTC
        ("Australia/Lord_Howe", datetime(2026, 4, 4, 15, 15, tzinfo=UTC), "1h", H),
        ("Australia/Lord_Howe", datetime(2026, 4, 4, 15, 15, tzinfo=UTC), "PT45M", 45 * H / 60),
    ],
)
def test_hours_from_the_repeated_hour_are_real_time(
    zone: str, start: datetime, text: str, real: timedelta
) -> None:
    cal = BusinessCalendar.always(zone)
    for written in (start, start.astimezone(ZoneInfo(zone))):  # either way of writing it
        due = cal.deadline(written, parse_duration(text))
        assert due.astimezone(UTC) - start == real


@pytest.mark.parametrize("zone", ["UTC+08:00", "+08:00", "UTC+8", PLUS8])
def test_fixed_offsets(zone: str | timezone) -> None:
    cal = BusinessCalendar(zone, OFFICE)
    assert cal.add(at(PLUS8, 2026, 3, 2, 11), 2 * H) == at(PLUS8, 2026, 3, 2, 14, 30)


def test_deadline_dispatches_on_the_kind_of_duration() -> None:
    cal = office()
    start = at(SHANGHAI, 2026, 3, 2, 10)
    assert cal.deadline(start, parse_duration("3 business days")) == at(SHANGHAI, 2026, 3, 5, 18)
    assert cal.deadline(start, parse_duration("4 business hours")) == at(
        SHANGHAI, 2026, 3, 2, 15, 30
    )
    assert cal.deadline(start, parse_duration("8 weeks")) == start + timedelta(weeks=8)


# -- plain data and its errors -----------------------------------------------------------


def test_from_mapping_reads_the_documented_shape() -> None:
    cal = BusinessCalendar.from_mapping(
        {
            "name": "cn-support",
            "timezone": "Asia/Shanghai",
            "hours": {"mon-fri": ["09:00-12:00", "13:30-18:00"], "sat": ["10:00-16:00"]},
            "holidays": ["2026-12-31", date(2026, 12, 30)],
            "holiday_country": "CN",
            "holiday_subdivision": None,
            "working_days": {"2026-09-27": "mon"},
        }
    )
    assert cal.hours.days[5] == (Shift(36_000, 57_600),)
    assert cal.holidays == {date(2026, 12, 30), date(2026, 12, 31)}
    assert cal.working_days[0][0] == date(2026, 9, 27)
    assert cal.name == "cn-support"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"hours": {"mon-fri": ["09:00-12:00", "13:30-12:00"]}},
            "hours.mon-fri[1]",
            "ends before it starts",
        ),
        ({"hours": {"mon": ["25:00-26:00"]}}, "hours.mon[0]", "out of range"),
        ({"hours": {"mon": ["9-12"]}}, "hours.mon[0]", "HH:MM-HH:MM"),
        ({"hours": {"mon": ["09:00-09:00"]}}, "hours.mon[0]", "is empty"),
        ({"hours": {"mon": ["09:00-12:00", "11:00-13:00"]}}, "hours.mon[1]", "overlaps"),
        ({"hours": {"mon": "09:00-12:00"}}, "hours.mon", "list of intervals"),
        ({"hours": {"funday": ["09:00-12:00"]}}, "hours.funday", "not a weekday"),
        ({"hours": {"mon-fri": [], "fri": []}}, "hours.fri", "already given"),
        ({"hours": ["09:00-12:00"]}, "hours", "mapping"),
        ({"timezone": "Mars/Olympus"}, "timezone", "not a known timezone"),
        ({"timezone": "UTC+25"}, "timezone", "no place keeps"),
        ({"timezone": 8}, "timezone", "expected text"),
        ({"holidays": ["2026-13-01"]}, "holidays[0]", "YYYY-MM-DD"),
        ({"holidays": "2026-10-01"}, "holidays", "list of dates"),
        ({"holiday_country": "XX"}, "holiday_country", "not a country"),
        ({"holiday_country": "US", "holiday_subdivision": "ZZ"}, "holiday_subdivision", "ZZ"),
        ({"holiday_subdivision": "CA"}, "holiday_subdivision", "needs holiday_country"),
        ({"working_days": {"2026-09-27": "sun"}}, "working_days.2026-09-27", "no hours"),
        (
            {"working_days": {"2026-09-27": "mon"}, "holidays": ["2026-09-27"]},
            "working_days",
            "also listed",
        ),
        ({"working_days": ["2026-09-27"]}, "working_days", "mapping"),
        (  # Sunday 8 March 2026 read overnight would run into Monday's 09:00-12:00
            {"working_days": {"2026-03-08": ["09:00-12:00", "13:30-12:00"]}},
            "working_days.2026-03-08",
            "ends before it starts",
        ),
        (  # and into the next working day of the policy's own
            {"working_days": {"2026-03-07": ["13:30-08:00"], "2026-03-08": ["07:00-12:00"]}},
            "working_days.2026-03-07",
            "ends before it starts",
        ),
        ({"timezones": "UTC"}, "timezones", "did you mean 'timezone'"),
        ({"name": 3}, "name", "expected text"),
    ],
)
def test_bad_calendar_data_names_the_field(
    data: dict[str, object], field: str, message: str
) -> None:
    full = {"timezone": "UTC", "hours": OFFICE, **data}
    with pytest.raises(InvalidInput, match=message) as caught:
        BusinessCalendar.from_mapping(full)
    assert caught.value.field == field


def test_missing_setting_and_path_prefix() -> None:
    with pytest.raises(InvalidInput) as caught:
        BusinessCalendar.from_mapping({"hours": OFFICE}, path="calendars.cn")
    assert caught.value.field == "calendars.cn.timezone"


def test_brief_example_message() -> None:
    with pytest.raises(InvalidInput) as caught:
        WeeklyHours.parse({"mon-fri": ["09:00-12:00", "13:30-12:00"]})
    assert str(caught.value).startswith("hours.mon-fri[1]: '13:30-12:00' ends before it starts")


@pytest.mark.parametrize(
    "call",
    [
        lambda cal: cal.add(datetime(2026, 3, 2, 10), H),  # noqa: DTZ001 - naive on purpose
        lambda cal: cal.add(at(UTC, 2026, 3, 2), -H),
        lambda cal: cal.add(at(UTC, 2026, 3, 2), 3600),
        lambda cal: cal.add("2026-03-02", H),
        lambda cal: cal.elapsed(at(UTC, 2026, 3, 2), datetime(2026, 3, 3)),  # noqa: DTZ001
        lambda cal: cal.is_working(datetime(2026, 3, 2)),  # noqa: DTZ001
        lambda cal: cal.add_calendar(at(UTC, 2026, 3, 2), 1),
        lambda cal: cal.add_calendar(at(UTC, 2026, 3, 2), Duration(days=1, business=True)),
    ],
)
def test_bad_arguments_raise_invalid_input(call: object) -> None:
    with pytest.raises(InvalidInput):
        call(office())  # type: ignore[operator]


def test_parse_timezone_passes_tzinfo_through() -> None:
    assert parse_timezone(NEW_YORK) is NEW_YORK
    assert parse_timezone("utc") is UTC


# -- durations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24h", Duration(time=24 * H)),
        ("2 hours", Duration(time=2 * H)),
        ("30m", Duration(time=timedelta(minutes=30))),
        ("30 minutes", Duration(time=timedelta(minutes=30))),
        ("1.5 hours", Duration(time=timedelta(minutes=90))),
        ("3 business days", Duration(days=3, business=True)),
        ("20 working hours", Duration(time=20 * H, business=True)),
        ("8 weeks", Duration(days=56)),
        ("1d 4h", Duration(days=1, time=4 * H)),
        ("1 day, 4 hours and 30 minutes", Duration(days=1, time=timedelta(hours=4, minutes=30))),
        ("PT2H", Duration(time=2 * H)),
        ("P1DT4H30M", Duration(days=1, time=timedelta(hours=4, minutes=30))),
        ("P2W", Duration(days=14)),
        ("1d4h", Duration(days=1, time=4 * H)),
    ],
)
def test_parse_duration(text: str, expected: Duration) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("soon", "cannot read"),
        ("3 fortnights", "cannot read"),
        ("1.5 days", "fraction of a day"),
        ("2 business days 3 hours", "mixes business and calendar"),
        ("2 business days 3 business hours", "single unit"),
        ("1 business week", "business weeks"),
        ("P1.5M", "ISO 8601"),
        ("2 business months", "business months"),
        ("3 calendar hours", "qualifies days"),
        ("PT", "ISO 8601"),
        (24, "expected text"),
    ],
)
def test_bad_duration_text(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_duration(text)


# -- invariants --------------------------------------------------------------------------

CALENDARS: dict[str, Timeline] = {
    "shanghai-office-cn": office(holiday_country="CN", working_days={"2026-09-20": "mon"}),
    "new-york-dst": BusinessCalendar(
        "America/New_York",
        {"mon-fri": ["09:00-12:00", "13:00-17:30"], "sun": ["01:00-04:00"]},
        holidays=[date(2026, 7, 3)],
    ),
    "london-night": BusinessCalendar(
        "Europe/London",
        {"mon-fri": ["22:00-06:00"], "sat": ["07:00-09:00"], "sun": ["00:30-02:30"]},
    ),
    "fixed-offset": BusinessCalendar(PLUS8, OFFICE),
    "composed": office()
    .intersect(BusinessCalendar("Europe/London", {"daily": ["06:00-14:00"]}))
    .union(BusinessCalendar("America/New_York", {"sat": ["10:00-11:00"]})),
}
calendars = st.sampled_from(sorted(CALENDARS))
instants = st.datetimes(
    min_value=datetime(2025, 12, 1),  # noqa: DTZ001 - bounds for hypothesis
    max_value=datetime(2027, 2, 1),  # noqa: DTZ001
    timezones=st.sampled_from([UTC, SHANGHAI, NEW_YORK, LONDON]),
)
durations = st.one_of(
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3)),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=120)),
)
fast = settings(max_examples=100, deadline=None)


def utc(moment: datetime) -> datetime:
    """Compare instants, not wall times: datetimes sharing a tzinfo compare by wall clock."""
    return moment.astimezone(UTC)


@fast
@given(name=calendars, start=instants, duration=durations)
def test_elapsed_inverts_add(name: str, start: datetime, duration: timedelta) -> None:
    cal = CALENDARS[name]
    assert cal.elapsed(start, cal.add(start, duration)) == duration


@fast
@given(name=calendars, start=instants, duration=durations.filter(bool))
def test_add_never_ends_inside_non_working_time(
    name: str, start: datetime, duration: timedelta
) -> None:
    cal = CALENDARS[name]
    result = cal.add(start, duration)
    before = result.astimezone(UTC) - timedelta(microseconds=1)
    assert cal.is_working(result) or cal.is_working(before)


@fast
@given(name=calendars, start=instants, first=durations, second=durations)
def test_add_is_monotonic_in_duration(
    name: str, start: datetime, first: timedelta, second: timedelta
) -> None:
    cal = CALENDARS[name]
    low, high = sorted((first, second))
    assert utc(cal.add(start, low)) <= utc(cal.add(start, high))


@fast
@given(name=calendars, first=instants, second=instants, duration=durations)
def test_add_is_monotonic_in_start(
    name: str, first: datetime, second: datetime, duration: timedelta
) -> None:
    cal = CALENDARS[name]
    early, late = sorted((first, second), key=utc)
    assert utc(cal.add(early, duration)) <= utc(cal.add(late, duration))


@fast
@given(name=calendars, a=instants, b=instants, c=instants)
def test_elapsed_is_additive(name: str, a: datetime, b: datetime, c: datetime) -> None:
    cal = CALENDARS[name]
    a, b, c = sorted((a, b, c), key=utc)
    assert cal.elapsed(a, c) == cal.elapsed(a, b) + cal.elapsed(b, c)


@fast
@given(moment=instants)
def test_composition_is_working_matches_its_parts(moment: datetime) -> None:
    team = CALENDARS["shanghai-office-cn"]
    other = CALENDARS["london-night"]
    assert team.intersect(other).is_working(moment) == (
        team.is_working(moment) and other.is_working(moment)
    )
    assert team.union(other).is_working(moment) == (
        team.is_working(moment) or other.is_working(moment)
    )


# -- oracle: businesstimedelta -----------------------------------------------------------


def test_agrees_with_businesstimedelta() -> None:
    # businesstimedelta fails when no holiday follows within five years: end with a far one
    holidays = [date(2026, 1, 1), date(2026, 2, 17), date(2026, 5, 1), date(2026, 10, 1)]
    holidays.append(date(2029, 12, 25))
    rule = btd.Rules(
        [
            btd.WorkDayRule(start_time=time(9), end_time=time(18)),
            btd.LunchTimeRule(start_time=time(12), end_time=time(13, 30)),
            btd.HolidayRule(holidays),
        ]
    )
    cal = BusinessCalendar("UTC", OFFICE, holidays=holidays)
    rng = random.Random(20260301)
    year = datetime(2026, 1, 1, tzinfo=UTC)
    for index in range(1_000):
        start = year + timedelta(seconds=rng.randrange(300 * 86_400))
        duration = timedelta(minutes=rng.randrange(1, 5 * 450))
        expected = start + btd.BusinessTimeDelta(rule, timedelta=duration)
        assert cal.add(start, duration) == expected, (start, duration)
        if index % 5 == 0:  # businesstimedelta is slow; elapsed is also checked by invariants
            assert cal.elapsed(start, expected) == rule.difference(start, expected).timedelta


@pytest.mark.parametrize("day", ["0226-06-01", "1066-10-14", "9999-12-31", "2300-01-01"])
def test_a_date_no_case_can_reach_is_refused_where_it_is_written(day: str) -> None:
    # each was accepted and could never close or open a day: a typo (0226 for 2026) was
    # silent
    data = {
        "timezone": "Asia/Shanghai",
        "hours": {"mon-fri": ["09:00-18:00"]},
        "holidays": ["2026-06-01", day],
        "working_days": {day: "mon"},
    }
    with pytest.raises(CalendarInvalid) as refused:
        BusinessCalendar.from_mapping(data, "calendars.office")
    fields = [p.field for p in refused.value.problems]
    assert fields == ["calendars.office.working_days." + day, "calendars.office.holidays[1]"]
    assert "1900" in refused.value.message


def test_a_date_in_the_years_cases_reach_is_kept() -> None:
    data = {"timezone": "UTC", "hours": {"mon-fri": ["09:00-18:00"]}, "holidays": ["2299-12-31"]}
    assert date(2299, 12, 31) in BusinessCalendar.from_mapping(data).holidays


# -- how complete the holiday data of a year is ------------------------------------------


def test_a_cn_year_with_its_published_arrangement_is_official() -> None:
    assert office(holiday_country="CN").holiday_data_status(2026) == "official"


def test_a_cn_year_without_any_make_up_day_is_provisional() -> None:
    """The package computes 2027's holidays (with 'observed' days) but knows no 调休 yet."""
    assert office(holiday_country="CN").holiday_data_status(2027) == "provisional"


def test_a_year_the_package_does_not_cover_is_missing() -> None:
    assert office(holiday_country="CN").holiday_data_status(2101) == "missing"
    assert office(holiday_country="GB").holiday_data_status(2101) == "missing"


def test_a_country_without_yearly_arrangements_is_official_where_covered() -> None:
    assert office("Europe/London", holiday_country="GB").holiday_data_status(2027) == "official"


def test_a_make_up_day_of_the_policy_supplies_a_provisional_year() -> None:
    calendar = office(holiday_country="CN", working_days={"2027-02-20": "mon"})  # a Saturday
    assert calendar.holiday_data_status(2027) == "policy"
    weekday = office(holiday_country="CN", working_days={"2027-02-22": "mon"})  # a Monday
    assert weekday.holiday_data_status(2027) == "provisional"


def test_holidays_of_the_policy_supply_a_missing_year() -> None:
    calendar = office(holiday_country="CN", holidays=["2101-01-01"])
    assert calendar.holiday_data_status(2101) == "policy"


def test_a_calendar_without_a_country_has_only_the_policys_data() -> None:
    assert office().holiday_data_status(2101) == "policy"


def test_a_composed_calendar_is_as_incomplete_as_its_worst_part() -> None:
    both = office().intersect(office(holiday_country="CN"))
    assert both.holiday_data_status(2027) == "provisional"
    assert both.holiday_data_status(2026) == "official"


@given(year=st.integers(1900, 2299), country=st.sampled_from(["CN", "GB", None]))
@settings(max_examples=60, deadline=None)
def test_a_composition_is_never_more_complete_than_either_part(
    year: int, country: str | None
) -> None:
    parts = (office(holiday_country="CN"), office(holiday_country=country))
    both = parts[0].intersect(parts[1])
    rank = HOLIDAY_DATA.index
    assert rank(both.holiday_data_status(year)) == max(
        rank(part.holiday_data_status(year)) for part in parts
    )


def test_holiday_data_names_the_incomplete_years_a_period_crosses() -> None:
    calendar = office(holiday_country="CN")
    version = calendar.data_version()
    start, end = at(SHANGHAI, 2026, 12, 1), at(SHANGHAI, 2027, 1, 20)
    assert calendar.holiday_data(start, end) == f"{version}; 2027 provisional"
    assert calendar.holiday_data(start, at(SHANGHAI, 2026, 12, 20)) == version
    assert office().holiday_data(start, end) is None


def test_the_holiday_data_a_clock_records_reads_package_metadata_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every clock on a holiday_country calendar records the data's version, and reading
    package metadata took about a millisecond each time: a CN policy took in 400
    complaints a second where the same policy without holidays took 1,800."""
    reads: list[str] = []
    real = importlib.metadata.version

    def counted(name: str) -> str:
        reads.append(name)
        return real(name)

    monkeypatch.setattr(calendar_module, "version", counted)
    start = datetime(2026, 11, 23, 1, tzinfo=UTC)
    for calendar in (office(holiday_country="CN"), office(holiday_country="GB")):
        for day in range(50):
            calendar.holiday_data(start, start + timedelta(days=day))
    assert len(reads) <= 1  # none when an earlier test read it first
