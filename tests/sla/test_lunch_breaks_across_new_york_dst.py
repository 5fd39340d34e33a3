"""Business-hour deadlines on a New York calendar with a lunch break, over the days its
clocks change (2026-03-08, a 23-hour Sunday; 2026-11-01, a 25-hour one): a later start is
never due earlier, the business time between start and due is what was asked, and a
deadline never falls inside the lunch break or the night (it ends at the instant the
working time runs out: a morning's last minute ends at 12:00, not at 13:00)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.sla.calendar import BusinessCalendar

NEW_YORK = ZoneInfo("America/New_York")
SPLIT = ["08:00-12:00", "13:00-17:00"]
CALENDAR = BusinessCalendar.from_mapping(
    {
        "timezone": "America/New_York",
        "hours": {"mon-fri": SPLIT, "sun": ["00:00-12:00", "13:00-24:00"]},
    }
)
#: Around both changes of the clocks in 2026, in UTC minutes.
starts = st.sampled_from(
    [datetime(2026, 3, 7, 12, tzinfo=UTC), datetime(2026, 10, 31, 12, tzinfo=UTC)]
).flatmap(
    lambda base: st.integers(0, 3 * 24 * 60).map(lambda minutes: base + timedelta(minutes=minutes))
)
spans = st.integers(1, 40 * 60).map(lambda minutes: timedelta(minutes=minutes))


@settings(max_examples=150, deadline=None)
@given(start=starts, later=st.integers(0, 600), span=spans)
def test_a_later_start_is_never_due_earlier(start: datetime, later: int, span: timedelta) -> None:
    assert CALENDAR.add(start, span) <= CALENDAR.add(start + timedelta(minutes=later), span)


@settings(max_examples=150, deadline=None)
@given(start=starts, span=spans)
def test_the_business_time_to_the_deadline_is_what_was_asked(
    start: datetime, span: timedelta
) -> None:
    due = CALENDAR.add(start, span)
    assert CALENDAR.elapsed(start, due) == span
    local = due.astimezone(NEW_YORK)
    assert not (12 < local.hour + local.minute / 60 < 13)  # never inside the lunch break
    assert CALENDAR.is_working(due - timedelta(minutes=1))  # the last minute was worked


def test_the_sunday_clocks_change_counts_real_hours() -> None:
    # 24 business hours from Sunday midnight: 2026-03-08's morning 00:00-12:00 is 11 real
    # hours, with the afternoon's 11 that is 22, so two remain for Monday (08:00-10:00);
    # 2026-11-01's morning is 13 real hours, so the 24 run out at its 24:00
    spring = CALENDAR.add(datetime(2026, 3, 8, tzinfo=NEW_YORK), timedelta(hours=24))
    autumn = CALENDAR.add(datetime(2026, 11, 1, tzinfo=NEW_YORK), timedelta(hours=24))
    assert spring == datetime(2026, 3, 9, 10, tzinfo=NEW_YORK)
    assert autumn == datetime(2026, 11, 2, tzinfo=NEW_YORK)
