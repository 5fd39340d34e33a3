"""A union whose one team works inside the other's shift on a day of its own.

A weekday night team (Monday to Friday, 20:00-08:00) and a weekend team (00:00-06:00)
together: the weekend team's Saturday hours lie inside Friday's night shift, which started
on Friday. Saturday made a business day of its own out of them, closing at 06:00, two hours
before Friday's; so "2 business days" from Thursday ended before "1 business day", and a
complaint received Saturday 06:00 was due at that instant. Working time that lies within a
shift an earlier day started belongs to that day (docs/sla.md).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from complaintkit.sla.calendar import BusinessCalendar


def _london(hours: dict[str, list[str]]) -> BusinessCalendar:
    return BusinessCalendar.from_mapping({"timezone": "Europe/London", "hours": hours})


NIGHT_AND_WEEKEND = _london({"mon-fri": ["20:00-08:00"]}).union(
    _london({"sat-sun": ["00:00-06:00"]})
)


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)  # London is on UTC until 29 March


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        (at(5, 12), 1, at(7, 8)),  # Thursday: Friday's shift closes Saturday 08:00
        (at(5, 12), 2, at(8, 6)),  # then Sunday's, the weekend team's, 06:00
        (at(5, 12), 3, at(10, 8)),  # then Monday's night shift
        (at(7, 6), 1, at(8, 6)),  # inside Friday's shift: counts from Friday
        (at(7, 3), 1, at(8, 6)),
        (at(7, 12), 1, at(8, 6)),  # Saturday, closed: the next business day is Sunday
    ],
)
def test_the_weekend_teams_saturday_hours_are_fridays_shift(
    received: datetime, days: int, due: datetime
) -> None:
    assert NIGHT_AND_WEEKEND.add_business_days(received, days) == due


def test_saturday_is_no_business_day_of_its_own() -> None:
    assert not NIGHT_AND_WEEKEND.is_business_day(at(7, 0).date())
    assert NIGHT_AND_WEEKEND.is_business_day(at(8, 0).date())
