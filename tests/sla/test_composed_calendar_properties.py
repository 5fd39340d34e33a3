"""Invariants of compositions of odd calendars — unions and intersections of a
Friday-Saturday week, night shifts, teams that hand over, round-the-clock desks, in zones
that move their clocks at midnight or by half an hour or sit at +05:45 — with holidays:

* business time added is the business time measured, and it runs out in working time;
* "N business days" is monotone in the receipt, and ends at the close of the business day
  it ran out in; the close of business leaves it there, the end of the day at that day's
  24:00 when later, and neither takes a later receipt's deadline before an earlier one's.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from complaintkit.errors import ConfigError
from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.reckoning import Rules, finish
from complaintkit.sla.timeline import Timeline

US = timedelta(microseconds=1)
ZONES = (
    "America/Santiago",
    "Africa/Cairo",
    "America/Havana",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Asia/Riyadh",
    "Europe/London",
    "Pacific/Kiritimati",
)
HOURS: tuple[object, ...] = (
    {"sun-thu": ["08:00-16:00"]},
    {"mon-fri": ["18:00-02:00"]},
    {"mon-fri": ["20:00-08:00"]},
    {"mon-fri": ["07:00-15:00"]},
    {"daily": ["00:00-08:00"]},
    {"sat-sun": ["22:00-06:00"]},
    {"sat-sun": ["00:00-06:00"]},
    {"mon-sat": ["01:00-03:00", "12:00-13:00"]},
    "24x7",
)
START, END = datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))

plain = st.builds(
    lambda zone, hours, holidays: BusinessCalendar.from_mapping(
        {"timezone": zone, "hours": hours, "holidays": [d.isoformat() for d in holidays]}
    ),
    st.sampled_from(ZONES),
    st.sampled_from(HOURS),
    st.lists(st.dates(date(2025, 1, 1), date(2026, 12, 31)), max_size=8),
)


def _composed(parts: st.SearchStrategy[Timeline]) -> st.SearchStrategy[Timeline]:
    return st.builds(
        lambda left, right, union: left.union(right) if union else left.intersect(right),
        parts,
        parts,
        st.booleans(),
    )


calendars = st.one_of(plain, _composed(plain))
#: a day team and a night team handing over for an hour: their business days overlap
HANDOVER = BusinessCalendar.from_mapping(
    {"timezone": "Europe/London", "hours": {"mon-fri": ["07:00-15:00"]}}
).union(
    BusinessCalendar.from_mapping(
        {"timezone": "Europe/London", "hours": {"mon-fri": ["20:00-08:00"]}}
    )
)
MONDAY = datetime(2026, 3, 2, 10, tzinfo=UTC)
#: a night shift, and a weekend team's small hours inside Friday's night shift
NIGHT_AND_WEEKEND = BusinessCalendar.from_mapping(
    {"timezone": "Asia/Kathmandu", "hours": {"mon-fri": ["20:00-08:00"]}}
).union(
    BusinessCalendar.from_mapping(
        {"timezone": "America/Santiago", "hours": {"mon-fri": ["18:00-02:00"]}}
    ).intersect(
        BusinessCalendar.from_mapping(
            {"timezone": "Africa/Cairo", "hours": {"mon-fri": ["18:00-02:00"]}}
        )
    )
)
instants = st.integers(0, int((END - START).total_seconds()) // 60).map(
    lambda minutes: START + timedelta(minutes=minutes)
)


@SETTINGS
@given(calendars, instants, st.integers(1, 100 * 60))
def test_business_time_added_is_the_business_time_measured(
    calendar: Timeline, start: datetime, minutes: int
) -> None:
    span = timedelta(minutes=minutes)
    try:
        due = calendar.add(start, span)
    except ConfigError:  # an intersection with no working time in common
        return
    assert calendar.elapsed(start, due) == span
    assert calendar.is_working(due - US)


@SETTINGS
@given(
    calendars,
    instants,
    instants,
    st.integers(0, 10),
    st.sampled_from(["close_of_business", "end_of_day"]),
    st.booleans(),
)
@example(HANDOVER, MONDAY, MONDAY, 1, "close_of_business", False)
@example(HANDOVER, MONDAY, MONDAY, 1, "end_of_day", False)
@example(
    NIGHT_AND_WEEKEND,
    datetime(2025, 2, 3, 20, 58, tzinfo=UTC),
    datetime(2025, 2, 3, 21, tzinfo=UTC),
    10,
    "close_of_business",
    False,
)
def test_business_days_end_at_the_close_of_the_day_they_ran_out_in(
    calendar: Timeline, a: datetime, b: datetime, days: int, end: str, roll: bool
) -> None:
    first, second = sorted((a, b))
    try:
        due, later = (calendar.add_business_days(at, days) for at in (first, second))
    except ConfigError:
        return
    assert first < due <= later
    day = calendar.ending_date(due - US)
    assert calendar.close_of_day(day) == due
    rules = Rules(end=end, roll=roll, closes=True)
    ended = finish(rules, calendar, due)
    assert ended == (due if end == "close_of_business" else max(due, calendar.end_of_day(day)))
    assert ended <= finish(rules, calendar, later)
