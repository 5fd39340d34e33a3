"""Periods in months and years that start or end on 29 February, by hand from 民法典 art.
202 (the month's corresponding day is the last day; a month without it ends on its last
day) and art. 203 (a period in days ends at 24:00 of its last day).

One year from 29 February 2028 ends on 28 February 2029; one month from 31 January 2028
on the leap day; a year from 28 February 2027 on 28 February 2028, not the 29th; four
years from a leap day on the next one. A wait of two days moves the leap day's 24:00 two
days on, the leap day counted like any other.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sla_helpers import complaint, make_desk

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(year: int, month: int, day: int, hour: int = 0) -> datetime:
    return datetime(year, month, day, hour, tzinfo=SHANGHAI)


def _due(target: object, received: datetime, waits: tuple[datetime, ...] = ()) -> datetime:
    document: dict[str, Any] = {
        "calendars": {"cn24": {"timezone": "Asia/Shanghai", "hours": "24x7"}},
        "sla": {"calendar": "cn24", "warnings": [], "targets": [{"resolution": target}]},
    }
    desk, clock = make_desk(document, start=received)
    case_id = desk.intake(complaint(at=received)).id
    desk.transition(case_id, "investigating", actor="li.na")
    for begin, end in zip(waits[::2], waits[1::2], strict=True):
        clock.set(begin)
        desk.transition(case_id, "waiting_on_customer", actor="li.na")
        clock.set(end)
        desk.transition(case_id, "investigating", actor="li.na")
    due = desk.get(case_id).clocks.metrics["resolution"].due_at
    assert due is not None
    return due


@pytest.mark.parametrize(
    ("target", "received", "expected"),
    [
        ("P1Y", _at(2028, 2, 29, 10), _at(2029, 2, 28, 10)),
        ("12 months", _at(2028, 2, 29), _at(2029, 2, 28)),
        ({"within": "1年", "ends": "end_of_day"}, _at(2028, 2, 29, 10), _at(2029, 3, 1)),
        ("P4Y", _at(2028, 2, 29, 10), _at(2032, 2, 29, 10)),
        ("P1Y", _at(2027, 2, 28, 10), _at(2028, 2, 28, 10)),
        ("P1M", _at(2028, 1, 31, 10), _at(2028, 2, 29, 10)),
        ("P1M", _at(2028, 2, 29, 10), _at(2028, 3, 29, 10)),
        ({"within": "1个月", "ends": "end_of_day"}, _at(2028, 1, 31, 10), _at(2028, 3, 1)),
        ({"within": "15日", "ends": "end_of_day"}, _at(2028, 2, 14, 10), _at(2028, 3, 1)),
    ],
)
def test_a_period_from_or_to_the_leap_day_ends_as_article_202_says(
    target: object, received: datetime, expected: datetime
) -> None:
    assert _due(target, received) == expected


@pytest.mark.parametrize(
    "waits",
    [
        (_at(2028, 2, 10, 10), _at(2028, 2, 12, 10)),  # before the leap day
        (_at(2028, 2, 28, 10), _at(2028, 3, 1, 10)),  # across it
    ],
)
def test_a_two_day_wait_moves_the_leap_days_end_two_days_on(waits: tuple[datetime, ...]) -> None:
    one_month = {"within": "1个月", "ends": "end_of_day"}
    assert _due(one_month, _at(2028, 1, 31, 10), waits) == _at(2028, 3, 3)
