"""End rules of business-time targets on every kind of calendar, against a simple oracle.

A business-time period ends in the business day its due instant falls in, and a business
day belongs to the date its shifts start on: a night shift's deadline at 06:00 ends the
day before. ``close_of_business`` is that day's close; ``end_of_day`` its 24:00, or its
close when a night shift runs past midnight (never before the time runs out).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st
from sla_helpers import complaint, make_desk

from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.durations import Duration, parse_duration
from complaintkit.sla.reckoning import Rules, days_counted, finish

LONDON = ZoneInfo("Europe/London")
NIGHT = {"timezone": "Europe/London", "hours": {"mon-fri": ["22:00-06:00"]}}

#: Calendars as the oracle reads them: a zone, weekday -> wall-clock shifts, holidays.
SPECS: dict[str, dict[str, Any]] = {
    "lunch-break": {
        "timezone": "Asia/Shanghai",
        "hours": {"mon-fri": ["09:00-12:00", "13:30-18:00"]},
        "holidays": ["2026-05-01", "2026-10-01"],
    },
    "london-night": {**NIGHT, "holidays": ["2026-03-27", "2026-10-23"]},
    "new-york-split-night": {
        "timezone": "America/New_York",
        "hours": {"mon-thu": ["20:00-23:00", "23:30-04:00"], "sat": ["10:00-14:00"]},
        "holidays": ["2026-07-04"],
    },
    "new-york-dst-small-hours": {
        "timezone": "America/New_York",
        "hours": {"mon-fri": ["09:00-17:00"], "sun": ["01:00-04:00"]},
    },
    "london-whole-days": {"timezone": "Europe/London", "hours": {"daily": ["00:00-24:00"]}},
}
CALENDARS = {name: BusinessCalendar.from_mapping(spec) for name, spec in SPECS.items()}
_WEEKDAYS = {"mon-fri": range(5), "mon-thu": range(4), "sat": (5,), "sun": (6,), "daily": range(7)}


def _wall(day: date, text: str, zone: ZoneInfo) -> datetime:
    hours, minutes = (int(part) for part in text.split(":"))
    return datetime.combine(day, time(), zone) + timedelta(hours=hours, minutes=minutes)


def business_days(name: str, around: date) -> list[tuple[date, datetime, datetime]]:
    """Each business date near ``around`` with the first opening and the close of the
    shifts starting on it, worked out from the spec alone."""
    spec = SPECS[name]
    zone = ZoneInfo(spec["timezone"])
    holidays = {date.fromisoformat(text) for text in spec.get("holidays", [])}
    found = []
    for offset in range(-3, 15):
        day = around + timedelta(days=offset)
        shifts = [
            shift
            for key, listed in spec["hours"].items()
            if day.weekday() in _WEEKDAYS[key]
            for shift in listed
        ]
        if not shifts or day in holidays:
            continue
        bounds = []
        for shift in shifts:
            first, last = shift.split("-")
            opens, closes = _wall(day, first, zone), _wall(day, last, zone)
            if last <= first:  # overnight: the wall-clock end is on the next date
                closes = _wall(day + timedelta(days=1), last, zone)
            bounds.append((opens.astimezone(UTC), closes.astimezone(UTC)))
        found.append((day, min(b[0] for b in bounds), max(b[1] for b in bounds)))
    return found


def oracle(name: str, rule: str, due: datetime) -> datetime:
    """The close of the business day the due instant falls in (the first close at or after
    it), or that day's 24:00 when later."""
    zone = ZoneInfo(SPECS[name]["timezone"])
    around = due.astimezone(zone).date()
    day, close = min(
        ((day, close) for day, _, close in business_days(name, around) if close >= due),
        key=lambda found: found[1],
    )
    if rule == "close_of_business":
        return close
    midnight = datetime.combine(day + timedelta(days=1), time(), zone).astimezone(UTC)
    return max(midnight, close)


starts = st.datetimes(
    min_value=datetime(2026, 1, 1),  # noqa: DTZ001 - bounds for hypothesis
    max_value=datetime(2026, 12, 20),  # noqa: DTZ001
    timezones=st.sampled_from([UTC, LONDON, ZoneInfo("America/New_York")]),
)
targets = st.one_of(
    st.integers(0, 12).map(lambda days: Duration(days=days, business=True, in_days=True)),
    st.integers(1, 60 * 60).map(
        lambda minutes: Duration(time=timedelta(minutes=minutes), business=True)
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(sorted(SPECS)),
    rule=st.sampled_from(["close_of_business", "end_of_day"]),
    start=starts,
    target=targets,
)
def test_business_end_rules_agree_with_the_oracle(
    name: str, rule: str, start: datetime, target: Duration
) -> None:
    calendar = CALENDARS[name]
    due = calendar.deadline(start, target)
    ended = finish(Rules(end=rule, closes=True), calendar, due)
    assert ended.astimezone(UTC) == oracle(name, rule, due.astimezone(UTC))
    assert ended.astimezone(UTC) >= due.astimezone(UTC)


def test_a_night_shift_deadline_ends_with_the_shift_it_falls_in() -> None:
    document = {
        "calendars": {"night": NIGHT},
        "sla": {
            "calendar": "night",
            "warnings": [],
            "targets": [
                {
                    "resolution": {"within": "2 business days", "ends": "close_of_business"},
                    "first_response": {"within": "8 business hours", "ends": "end_of_day"},
                }
            ],
        },
    }
    monday = datetime(2026, 6, 1, 10, tzinfo=LONDON)
    desk, _ = make_desk(document, start=monday)
    clocks = desk.intake(complaint(at=monday)).clocks.metrics
    # Tuesday's and Wednesday's shifts: Wednesday's closes Thursday 06:00
    assert clocks["resolution"].due_at == datetime(2026, 6, 4, 6, tzinfo=LONDON)
    # Monday's shift, 22:00-06:00, runs past Monday's 24:00: it ends at its close
    assert clocks["first_response"].due_at == datetime(2026, 6, 2, 6, tzinfo=LONDON)


def test_days_counted_on_a_night_shift_stop_at_the_last_business_day() -> None:
    calendar = BusinessCalendar.from_mapping(NIGHT)
    start = datetime(2026, 6, 1, 10, tzinfo=LONDON)
    duration = parse_duration("2 business days")
    due = calendar.deadline(start, duration)
    rows = days_counted(calendar, duration, start, due, due)
    assert [(row["date"], row["count"]) for row in rows] == [("2026-06-02", 1), ("2026-06-03", 2)]
