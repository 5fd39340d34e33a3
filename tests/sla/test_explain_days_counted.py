"""``explain``'s list of the days a period in business days counted: it starts after the
business day of receipt, which never counts, as the deadline does. A complaint received
in a night shift's small hours was received on the evening the shift started, so the
date it falls on is the first day counted, not the day of receipt.

The property: on generated calendars (the minute oracle's), N business days list N
counted dates, the last of them the business day the deadline closes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import assume, example, given
from hypothesis import strategies as st
from test_calendar_minute_oracle import MINUTE, SETTINGS, Oracle, Written, _calendar, calendars

from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.durations import parse_duration
from complaintkit.sla.reckoning import days_counted, last_day

LONDON = ZoneInfo("Europe/London")
NIGHT = {"timezone": "Europe/London", "hours": {"mon-fri": ["22:00-06:00"]}}


def _counted(calendar: BusinessCalendar, start: datetime, days: int) -> list[str]:
    duration = parse_duration(f"{days} business days")
    due = calendar.deadline(start, duration)
    rows = days_counted(calendar, duration, start, due, due)
    return [row["date"] for row in rows if row["count"] is not None]


def test_a_receipt_in_the_small_hours_counts_the_date_it_falls_on() -> None:
    """Tuesday 02:00 is in Monday night's shift: 2 business days are Tuesday's and
    Wednesday's shifts (docs/sla.md), and the list says so, not Wednesday's alone."""
    calendar = BusinessCalendar.from_mapping(NIGHT)
    start = datetime(2026, 6, 2, 2, tzinfo=LONDON)
    assert calendar.deadline(start, parse_duration("2 business days")) == datetime(
        2026, 6, 4, 6, tzinfo=LONDON
    )
    assert _counted(calendar, start, 2) == ["2026-06-02", "2026-06-03"]


@SETTINGS
@given(calendars(), st.integers(24 * 60, 5 * 24 * 60), st.integers(1, 2))
@example(  # Thursday 02:00, in Wednesday night's shift
    Written("Europe/London", {"wed": ["22:00-06:00"], "thu": ["22:00-06:00"]}, [], {},
            date(2026, 3, 29)),
    26 * 60, 2,
)  # fmt: skip
def test_n_business_days_list_n_dates_ending_on_the_deadline_s_day(
    case: Written, offset: int, days: int
) -> None:
    oracle, calendar = Oracle(case), _calendar(case)
    start = (oracle.lo + offset * MINUTE).astimezone(UTC)
    assume(oracle.business_days(start, days) is not None)
    due = calendar.deadline(start, parse_duration(f"{days} business days"))
    counted = _counted(calendar, start, days)
    assert len(counted) == days
    assert counted[-1] == last_day(calendar, due, closes=True).isoformat()
    assert all(calendar.is_business_day(datetime.fromisoformat(d).date()) for d in counted)
    assert start < due <= start + timedelta(days=30)
