"""The indexed arithmetic (blocks of dates, bisected) against a naive walk, minute by minute.

Every calendar here has hours on whole minutes and zones whose changes fall on whole
minutes, so business time between minute-aligned instants is the number of minutes that
are working time, and ``add`` ends at the end of the Nth working minute. Instants are drawn
near block boundaries as well as anywhere, since that is where an index goes wrong.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.spans import BLOCK_DAYS
from complaintkit.sla.timeline import Timeline

MINUTE = timedelta(minutes=1)
OFFICE = {"mon-fri": ["09:00-12:00", "13:30-18:00"]}
CALENDARS: dict[str, Timeline] = {
    "shanghai-cn-make-up-days": BusinessCalendar("Asia/Shanghai", OFFICE, holiday_country="CN"),
    "new-york-dst": BusinessCalendar(
        "America/New_York", {"mon-fri": ["09:00-17:00"], "sun": ["01:00-04:00"]}
    ),
    "london-night": BusinessCalendar(
        "Europe/London", {"mon-fri": ["22:00-06:00"], "sat": ["07:00-09:00"]}
    ),
    "always": BusinessCalendar.always("Australia/Sydney"),
    "composed": BusinessCalendar("Asia/Shanghai", OFFICE).union(
        BusinessCalendar("Europe/London", {"sat,sun": ["10:00-13:00"]})
    ),
}
FIRST = date(2025, 12, 1)
#: local dates that start a block, from late 2025 to early 2027
BOUNDARIES = [
    date.fromordinal(key * BLOCK_DAYS)
    for key in range(
        FIRST.toordinal() // BLOCK_DAYS + 1, date(2027, 2, 1).toordinal() // BLOCK_DAYS
    )
]
ZONES = [UTC, ZoneInfo("Asia/Shanghai"), ZoneInfo("America/New_York"), ZoneInfo("Europe/London")]

anywhere = st.integers(0, 420 * 1440).map(
    lambda minutes: datetime(2025, 12, 1, tzinfo=UTC) + minutes * MINUTE
)
near_a_boundary = st.tuples(st.sampled_from(BOUNDARIES), st.integers(-3 * 1440, 3 * 1440)).map(
    lambda pair: datetime(pair[0].year, pair[0].month, pair[0].day, tzinfo=UTC) + pair[1] * MINUTE
)
instants = st.tuples(st.one_of(anywhere, near_a_boundary), st.sampled_from(ZONES)).map(
    lambda pair: pair[0].astimezone(pair[1])
)
names = st.sampled_from(sorted(CALENDARS))
walk = settings(max_examples=60, deadline=None)


def walked_add(cal: Timeline, start: datetime, minutes: int) -> datetime:
    """The end of the ``minutes``-th working minute from ``start``."""
    moment = start.astimezone(UTC)
    while minutes:
        minutes -= cal.is_working(moment)
        moment += MINUTE
    return moment


def walked_elapsed(cal: Timeline, start: datetime, minutes: int) -> timedelta:
    """The working minutes among the ``minutes`` after ``start``."""
    begin = start.astimezone(UTC)
    return sum(cal.is_working(begin + i * MINUTE) for i in range(minutes)) * MINUTE


@walk
@given(name=names, start=instants, minutes=st.integers(1, 1_500))
@example(name="london-night", start=datetime(2026, 3, 28, 23, tzinfo=UTC), minutes=600)
def test_add_equals_a_minute_walk(name: str, start: datetime, minutes: int) -> None:
    cal = CALENDARS[name]
    assert cal.add(start, minutes * MINUTE) == walked_add(cal, start, minutes)


@walk
@given(name=names, start=instants, minutes=st.integers(0, 6 * 1440))
@example(name="new-york-dst", start=datetime(2026, 3, 7, 12, tzinfo=UTC), minutes=3 * 1440)
def test_elapsed_equals_a_minute_walk(name: str, start: datetime, minutes: int) -> None:
    cal = CALENDARS[name]
    end = start + minutes * MINUTE
    assert cal.elapsed(start, end) == walked_elapsed(cal, start, minutes)


def test_add_and_elapsed_cross_many_blocks() -> None:
    cal = CALENDARS["shanghai-cn-make-up-days"]
    start = datetime(2026, 1, 5, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    end = datetime(2031, 1, 6, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    business = cal.elapsed(start, end)
    assert cal.add(start, business) == datetime(2031, 1, 3, 18, tzinfo=ZoneInfo("Asia/Shanghai"))
    middle = datetime(2028, 7, 1, tzinfo=UTC)
    assert business == cal.elapsed(start, middle) + cal.elapsed(middle, end)
