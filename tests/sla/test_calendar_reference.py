"""Calendar arithmetic against a plain reference: minutes stepped one at a time, dates one
at a time, from the documented rules alone (complaintkit's code is not used to compute
any expected value).

The rules, as docs/sla.md states them: a shift's wall-clock times become instants on the
date it starts on (a skipped wall time is read with the offset before the jump, a repeated
one is its first occurrence); a business day is a date a shift starts on and closes when
its last shift ends; a make-up day (调休) works the hours of the first weekday that has any.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sla_helpers import complaint, make_desk

from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.durations import Duration
from complaintkit.sla.reckoning import Rules, finish

MINUTE = timedelta(minutes=1)
US = timedelta(microseconds=1)
Shifts = tuple[tuple[int, int], ...]  # minutes after the local midnight; an end may pass 24:00

SETTINGS: dict[str, dict[str, object]] = {
    "lunch": {
        "timezone": "Asia/Shanghai",
        "hours": {"mon-fri": ["09:00-12:00", "13:30-18:00"], "sat": ["10:00-16:00"]},
    },
    "night_new_york": {"timezone": "America/New_York", "hours": {"mon-fri": ["22:00-06:00"]}},
    "night_london": {"timezone": "Europe/London", "hours": {"mon-fri": ["22:00-06:00"]}},
    "small_hours_new_york": {  # working across the 02:00 jump and the 01:00 repeat
        "timezone": "America/New_York",
        "hours": {"daily": ["00:30-03:30", "12:00-13:00"]},
    },
    "split_london": {  # working across 01:00 (spring) and 01:00-02:00 twice (autumn)
        "timezone": "Europe/London",
        "hours": {"mon-sat": ["08:00-12:00", "20:00-02:00"]},
    },
    "cn": {
        "timezone": "Asia/Shanghai",
        "hours": {"mon-fri": ["09:00-12:00", "13:30-17:30"]},
        "holiday_country": "CN",
    },
    "always_new_york": {"timezone": "America/New_York", "hours": "24x7"},
    "night_santiago": {  # Chile moves its clocks at midnight: a date may lack its 00:00
        "timezone": "America/Santiago",
        "hours": {"mon-fri": ["00:00-03:00", "08:00-12:00"], "sat": ["20:00-02:00"]},
    },
    "gulf_riyadh": {  # a Friday-Saturday weekend, written as a range across Sunday
        "timezone": "Asia/Riyadh",
        "hours": {"sun-thu": ["08:00-16:00"]},
    },
    "evening_cairo": {  # Egypt moves its clocks at Friday's 00:00 and Thursday's 24:00
        "timezone": "Africa/Cairo",
        "hours": {"sun-thu": ["18:00-02:00"]},
    },
    "small_hours_havana": {  # Cuba skips 00:00 in March and has 00:00-01:00 twice in November
        "timezone": "America/Havana",
        "hours": {"daily": ["00:00-08:00"]},
    },
    "kathmandu": {"timezone": "Asia/Kathmandu", "hours": {"sun-fri": ["10:00-17:00"]}},
    "lord_howe": {  # clocks move by half an hour, at 02:00
        "timezone": "Australia/Lord_Howe",
        "hours": {"daily": ["01:00-03:00"]},
    },
    "half_days_london": {  # Christmas Eve and New Year's Eve close at noon
        "timezone": "Europe/London",
        "hours": {"mon-fri": ["09:00-17:00"]},
        "holidays": ["2025-12-25", "2025-12-26", "2026-01-01", "2026-12-25", "2026-12-28"],
        "working_days": {
            "2025-12-24": ["09:00-12:00"],
            "2026-12-24": ["09:00-12:00"],
            "2025-12-31": ["09:00-12:00"],
            "2026-12-31": ["09:00-12:00"],
        },
    },
}
NAMES = sorted(SETTINGS)
LIBRARY = {name: BusinessCalendar.from_mapping(data) for name, data in SETTINGS.items()}


def _minutes(text: str) -> tuple[int, int]:
    begin, end = ((int(h) * 60 + int(m)) for h, m in (part.split(":") for part in text.split("-")))
    return begin, end if end > begin else end + 24 * 60


def _week(hours: object) -> tuple[Shifts, ...]:
    """The seven weekdays' shifts of the few shapes used above."""
    if hours == "24x7":
        return (((0, 24 * 60),),) * 7
    assert isinstance(hours, dict)
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    week: list[Shifts] = [()] * 7
    for key, texts in hours.items():
        first, _, last = ("mon-sun" if key == "daily" else key).partition("-")
        lo, hi = names.index(first), names.index(last or first)
        for step in range((hi - lo) % 7 + 1):  # sun-thu runs on past Sunday
            week[(lo + step) % 7] = tuple(_minutes(text) for text in texts)
    return tuple(week)


@cache
def _cn_table(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("CN", years=year)


class Reference:
    """One calendar, worked out the slow way."""

    def __init__(self, name: str) -> None:
        data = SETTINGS[name]
        self.zone = ZoneInfo(str(data["timezone"]))
        self.week = _week(data["hours"])
        self.country = data.get("holiday_country")
        listed, extra = data.get("holidays", []), data.get("working_days", {})
        assert isinstance(listed, list)
        assert isinstance(extra, dict)
        self.holidays = {date.fromisoformat(day) for day in listed}
        self.extra = {
            date.fromisoformat(day): tuple(_minutes(text) for text in texts)
            for day, texts in extra.items()
        }

    def shifts(self, day: date) -> Shifts:
        if day in self.extra:
            return self.extra[day]
        if day in self.holidays:
            return ()
        if self.country == "CN":
            table = _cn_table(day.year)
            if day in table.weekend_workdays:
                return next(shifts for shifts in self.week if shifts)
            if day in table:
                return ()
        return self.week[day.weekday()]

    def wall(self, day: date, minutes: int) -> datetime:
        naive = datetime.combine(day, time()) + timedelta(minutes=minutes)
        return naive.replace(tzinfo=self.zone, fold=0).astimezone(UTC)

    @cache  # noqa: B019 - a handful of references live as long as the module
    def intervals(self, day: date) -> tuple[tuple[datetime, datetime], ...]:
        return tuple((self.wall(day, b), self.wall(day, e)) for b, e in self.shifts(day))

    def local(self, moment: datetime) -> date:
        return _wall(moment, self.zone).date()

    def working(self, moment: datetime) -> bool:
        today = self.local(moment)
        return any(
            lo <= moment < hi
            for day in (today - timedelta(days=1), today)
            for lo, hi in self.intervals(day)
        )

    def elapsed_by_minutes(self, start: datetime, end: datetime) -> timedelta:
        total, moment = timedelta(0), start
        while moment < end:
            total += MINUTE if self.working(moment) else timedelta(0)
            moment += MINUTE
        return total

    def add_by_minutes(self, start: datetime, span: timedelta) -> datetime:
        left, moment = span, start
        while left:
            if self.working(moment):
                left -= MINUTE
            moment += MINUTE
        return moment if span else start

    def next_opening_by_minutes(self, moment: datetime) -> datetime:
        while not self.working(moment):
            moment += MINUTE
        return moment

    def spans_from(self, start: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Working intervals in time order, cut to start at ``start`` or later."""
        day = self.local(start) - timedelta(days=1)
        while True:
            for lo, hi in self.intervals(day):
                if hi > start:
                    yield max(lo, start), hi
            day += timedelta(days=1)

    def add_by_days(self, start: datetime, span: timedelta) -> datetime:
        if not span:
            return start
        for lo, hi in self.spans_from(start):
            if hi - lo >= span:
                return lo + span
            span -= hi - lo
        raise AssertionError("unreachable")

    def elapsed_by_days(self, start: datetime, end: datetime) -> timedelta:
        total = timedelta(0)
        for lo, hi in self.spans_from(start):
            if lo >= end:
                return total
            total += min(hi, end) - lo
        raise AssertionError("unreachable")

    def close(self, day: date) -> datetime | None:
        spans = self.intervals(day)
        return max(hi for _, hi in spans) if spans else None

    def business_days(self, start: datetime, count: int) -> tuple[date, datetime]:
        """The Nth business day after the day of receipt and its close; 0 is today's close,
        or the next business day's once today's has passed. The day of receipt is the one
        whose business is open at ``start`` (a night shift's small hours belong to the
        evening it started), else the local date."""
        day = self.receipt_day(start)
        close = self.close(day)
        if count == 0 and close is not None and close > start:
            return day, close
        count = max(count, 1)
        while count:
            day += timedelta(days=1)
            count -= self.close(day) is not None
        close = self.close(day)
        assert close is not None
        return day, close

    def receipt_day(self, start: datetime) -> date:
        today = self.local(start)
        for day in (today, today - timedelta(days=1)):
            spans = self.intervals(day)
            if spans and spans[0][0] <= start < max(hi for _, hi in spans):
                return day
        return today

    def midnight(self, day: date) -> datetime:
        return self.wall(day, 0)


REFERENCES = {name: Reference(name) for name in NAMES}

#: Dates where the arithmetic is most likely wrong: DST changes in New York, London,
#: Santiago, Cairo and Havana (at midnight) and Lord Howe (by half an hour), China's Spring
#: Festival and National Day with their make-up Saturdays and Sundays, half days at the
#: turn of the year.
SPECIAL_DATES = [
    date(2025, 3, 9), date(2025, 3, 30), date(2025, 10, 26), date(2025, 11, 2),
    date(2026, 3, 8), date(2026, 3, 29), date(2026, 10, 25), date(2026, 11, 1),
    date(2025, 1, 26), date(2025, 2, 8), date(2025, 9, 28), date(2025, 10, 11),
    date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 9, 20),
    date(2026, 10, 10), date(2026, 10, 1), date(2026, 2, 17),
    date(2025, 4, 6), date(2025, 9, 7), date(2026, 4, 5), date(2026, 9, 6),
    date(2025, 4, 25), date(2025, 10, 31), date(2026, 4, 24), date(2026, 10, 30),
    date(2025, 3, 9), date(2025, 11, 2), date(2026, 3, 8), date(2026, 11, 1),
    date(2025, 10, 5), date(2026, 10, 4),
    date(2025, 12, 24), date(2025, 12, 31), date(2026, 1, 2), date(2026, 12, 24),
    date(2026, 12, 31),
]  # fmt: skip
days = st.one_of(
    st.sampled_from(SPECIAL_DATES).flatmap(
        lambda d: st.integers(-3, 1).map(lambda n: d + timedelta(days=n))
    ),
    st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31)),
)
#: Minutes after midnight: anywhere, or at an opening or closing (incl. 01:00-03:00).
clock_minutes = st.one_of(
    st.integers(0, 24 * 60 - 1),
    st.sampled_from(
        [0, 30, 60, 90, 120, 150, 180, 210, 480, 540, 600, 720, 810, 960, 1020, 1080, 1200, 1320]
    ),
)


@st.composite
def starts(draw: st.DrawFn, name: str) -> datetime:
    """A wall time in the calendar's zone (in a DST gap or either side of a fold too), or
    the same instant written in UTC."""
    zone = REFERENCES[name].zone
    wall = datetime.combine(draw(days), time()) + timedelta(minutes=draw(clock_minutes))
    moment = wall.replace(tzinfo=zone, fold=draw(st.integers(0, 1)))
    return moment.astimezone(UTC) if draw(st.booleans()) else moment


@st.composite
def cases(draw: st.DrawFn, longest: timedelta) -> tuple[str, datetime, timedelta]:
    name = draw(st.sampled_from(NAMES))
    minutes = draw(st.integers(0, longest // MINUTE))
    return name, draw(starts(name)), MINUTE * minutes


def utc(moment: datetime) -> datetime:
    """An instant to compare: datetimes sharing a tzinfo compare their wall clocks."""
    return moment.astimezone(UTC)


few = settings(max_examples=150, deadline=None)


@few
@given(case=cases(timedelta(hours=30)))
def test_add_matches_minute_stepping(case: tuple[str, datetime, timedelta]) -> None:
    name, start, span = case
    expected = REFERENCES[name].add_by_minutes(utc(start), span)
    assert utc(LIBRARY[name].add(start, span)) == expected


@few
@given(case=cases(timedelta(days=400)))
def test_add_over_weeks_matches_date_stepping(case: tuple[str, datetime, timedelta]) -> None:
    name, start, span = case
    span = span // 5  # about 80 days of working time at most
    expected = REFERENCES[name].add_by_days(utc(start), span)
    assert utc(LIBRARY[name].add(start, span)) == expected


@few
@given(case=cases(timedelta(days=3)), reverse=st.booleans())
def test_elapsed_matches_minute_stepping(
    case: tuple[str, datetime, timedelta], reverse: bool
) -> None:
    name, start, span = case
    end = utc(start) + span
    if reverse:  # end before start, or equal: nothing elapses
        assert LIBRARY[name].elapsed(end, start) == timedelta(0)
    else:
        expected = REFERENCES[name].elapsed_by_minutes(utc(start), end)
        assert LIBRARY[name].elapsed(start, end) == expected


@few
@given(case=cases(timedelta(days=200)))
def test_elapsed_over_weeks_matches_date_stepping(case: tuple[str, datetime, timedelta]) -> None:
    name, start, span = case
    end = utc(start) + span
    assert LIBRARY[name].elapsed(start, end) == REFERENCES[name].elapsed_by_days(utc(start), end)


@few
@given(case=cases(timedelta(0)))
def test_is_working_and_next_opening_match_minute_stepping(
    case: tuple[str, datetime, timedelta],
) -> None:
    name, start, _ = case
    reference = REFERENCES[name]
    assert LIBRARY[name].is_working(start) == reference.working(utc(start))
    opening = LIBRARY[name].next_working_instant(start)
    assert utc(opening) == reference.next_opening_by_minutes(utc(start))


@few
@given(name=st.sampled_from(NAMES), data=st.data(), count=st.integers(0, 30))
def test_business_days_match_date_stepping(name: str, data: st.DataObject, count: int) -> None:
    start = data.draw(starts(name))
    _, close = REFERENCES[name].business_days(utc(start), count)
    assert utc(LIBRARY[name].add_business_days(start, count)) == close


def _wall(moment: datetime, zone: ZoneInfo) -> datetime:
    """The wall clock in ``zone`` at the instant ``moment`` is (by way of UTC: a time
    written in ``zone`` itself in the hour its clocks skipped is another wall time)."""
    return moment.astimezone(UTC).astimezone(zone)


def _calendar_days(reference: Reference, start: datetime, count: int) -> datetime:
    """The same wall-clock time ``count`` local dates later (its first occurrence); no
    dates later is the start itself, which may be the second occurrence of a repeated hour."""
    if count == 0:
        return utc(start)
    wall = _wall(start, reference.zone)
    later = datetime.combine(wall.date() + timedelta(days=count), wall.time())
    return later.replace(tzinfo=reference.zone, fold=0).astimezone(UTC)


def _calendar_months(reference: Reference, start: datetime, count: int) -> datetime:
    """The same wall-clock time on the same day ``count`` months later, or on the month's
    last day when it is shorter (民法典 art. 202)."""
    wall = _wall(start, reference.zone)
    year, month = wall.year + (wall.month - 1 + count) // 12, (wall.month - 1 + count) % 12 + 1
    day = wall.day
    while True:
        try:
            later = datetime.combine(date(year, month, day), wall.time())
            break
        except ValueError:
            day -= 1
    return later.replace(tzinfo=reference.zone, fold=0).astimezone(UTC)


@few
@given(name=st.sampled_from(NAMES), data=st.data(), count=st.integers(0, 70))
def test_calendar_days_match_wall_clock_stepping(
    name: str, data: st.DataObject, count: int
) -> None:
    start = data.draw(starts(name))
    expected = _calendar_days(REFERENCES[name], start, count)
    assert utc(LIBRARY[name].add_calendar(start, Duration(days=count))) == expected


@few
@given(name=st.sampled_from(NAMES), data=st.data(), count=st.integers(1, 30))
def test_calendar_months_match_wall_clock_stepping(
    name: str, data: st.DataObject, count: int
) -> None:
    start = data.draw(starts(name))
    expected = _calendar_months(REFERENCES[name], start, count)
    assert utc(LIBRARY[name].add_calendar(start, Duration(months=count))) == expected


@few
@given(
    name=st.sampled_from(NAMES),
    data=st.data(),
    count=st.integers(0, 70),
    end=st.sampled_from(["exact", "end_of_day", "close_of_business"]),
    roll=st.booleans(),
)
def test_calendar_day_periods_end_as_the_rules_say(
    name: str, data: st.DataObject, count: int, end: str, roll: bool
) -> None:
    """民法典 art. 201-203: the last day is the date ``count`` days on; a roll moves a last
    day off to the next business day; the period ends at its time of day, at 24:00 or at
    the close of business of that day."""
    reference = REFERENCES[name]
    start = data.draw(starts(name))
    raw = _calendar_days(reference, start, count)
    last = reference.local(raw)
    while roll and reference.close(last) is None:
        last += timedelta(days=1)
    midnight = reference.midnight(last + timedelta(days=1))
    expected = {
        "exact": _calendar_days(reference, raw, (last - reference.local(raw)).days),
        "end_of_day": midnight,
        "close_of_business": reference.close(last) or midnight,
    }[end]
    calendar = LIBRARY[name]
    due = finish(
        Rules(end=end, roll=roll), calendar, calendar.add_calendar(start, Duration(days=count))
    )
    assert utc(due) == expected


@few
@given(
    name=st.sampled_from(NAMES),
    data=st.data(),
    count=st.integers(0, 30),
    end=st.sampled_from(["end_of_day", "close_of_business"]),
)
def test_business_day_periods_end_in_their_last_business_day(
    name: str, data: st.DataObject, count: int, end: str
) -> None:
    """N business days end at the Nth one's close; ``end_of_day`` is 24:00 of that date,
    or its close when a night shift runs past midnight."""
    reference = REFERENCES[name]
    start = data.draw(starts(name))
    last, close = reference.business_days(utc(start), count)
    expected = (
        close
        if end == "close_of_business"
        else max(close, reference.midnight(last + timedelta(days=1)))
    )
    calendar = LIBRARY[name]
    rules = Rules(end=end, closes=True)
    due = finish(rules, calendar, calendar.add_business_days(start, count))
    assert utc(due) == expected


def _paused_due(
    reference: Reference, start: datetime, budget: timedelta, wait: tuple[datetime, datetime]
) -> datetime:
    """When ``budget`` of working time outside ``wait`` has run since ``start``."""
    left, moment = budget, start
    while left:
        if reference.working(moment) and not wait[0] <= moment < wait[1]:
            left -= MINUTE
        moment += MINUTE
    return moment


@settings(max_examples=25, deadline=None)
@given(
    start=starts("cn"),
    amount=st.integers(0, 40),
    unit=st.sampled_from(["business hours", "business days"]),
    paused=st.integers(0, 20 * 24 * 60),
    waited=st.integers(1, 20 * 24 * 60),
)
def test_a_wait_across_holidays_moves_business_time_by_the_working_time_it_took(
    start: datetime, amount: int, unit: str, paused: int, waited: int
) -> None:
    """Business time on the CN calendar, waiting on the customer from before the deadline
    across weekends, holidays and make-up days: the deadline is when the working time
    outside the wait reaches what the target gives unpaused."""
    reference = REFERENCES["cn"]
    if unit == "business hours":
        budget = timedelta(hours=amount)
    else:
        amount %= 20
        _, close = reference.business_days(utc(start), amount)
        budget = reference.elapsed_by_days(utc(start), close)
    wait = (utc(start) + MINUTE * paused, utc(start) + MINUTE * (paused + waited))
    assume(wait[0] < reference.add_by_days(utc(start), budget))
    document = {
        "calendars": {"cn": SETTINGS["cn"]},
        "sla": {
            "calendar": "cn",
            "warnings": [],
            "targets": [
                {
                    "resolution": {
                        "within": f"{amount} {unit}",
                        "pause_in": ["waiting_on_customer"],
                    }
                }
            ],
        },
    }
    desk, clock = make_desk(document, start=start)
    case = desk.intake(complaint(at=start))
    clock.set(wait[0])
    desk.transition(case.id, "investigating", actor="a")
    desk.transition(case.id, "waiting_on_customer", actor="a")
    clock.set(wait[1])
    desk.transition(case.id, "investigating", actor="a")
    due = desk.get(case.id).clocks.metrics["resolution"].due_at
    assert due is not None
    assert utc(due) == _paused_due(reference, utc(start), budget, wait)


def test_a_start_written_in_the_zones_own_skipped_hour_counts_from_its_instant() -> None:
    """00:00 on 7 September 2025 never happened in Santiago (the clocks went to 01:00);
    written with fold=1 in the calendar's own zone it is Saturday 23:00, within Saturday's
    20:00-02:00 shift, so "0 business days" ends at that shift's close, not on Monday."""
    calendar = LIBRARY["night_santiago"]
    start = datetime(2025, 9, 7, 0, 0, fold=1, tzinfo=ZoneInfo("America/Santiago"))
    rules = Rules(end="end_of_day", closes=True)
    due = finish(rules, calendar, calendar.add_business_days(start, 0))
    assert utc(due) == datetime(2025, 9, 7, 5, 0, tzinfo=UTC)
