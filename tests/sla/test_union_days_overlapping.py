"""A union of a day team (07:00-15:00) and a night team (20:00-08:00) that hand over for an
hour: Monday's business day closes when its night shift ends, Tuesday 08:00, an hour after
Tuesday's business day has opened. A period that runs out at 08:00, or in that hour, ends
in Monday's business day, the one it ran out in, which closes first.

By hand, received Monday 2 March 2026 at 10:00 (docs/sla.md, durations): "1 business day"
is Tuesday, whose business closes at Wednesday 08:00, and an end rule of the close of
business or the end of the day leaves it there (its date's 24:00 is earlier); 16.5 business
hours (5 on Monday's day shift, then Monday's night shift) run out on Tuesday at 07:30 and
end at the first close at or after it, Monday's, Tuesday 08:00. A receipt at 07:30 counts
from Tuesday, the day that opened: one business day ends when Wednesday's closes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sla_helpers import complaint, make_desk

LONDON = ZoneInfo("Europe/London")
CALENDARS = {
    "day": {"timezone": "Europe/London", "hours": {"mon-fri": ["07:00-15:00"]}},
    "night": {"timezone": "Europe/London", "hours": {"mon-fri": ["20:00-08:00"]}},
    "teams": {"union": ["day", "night"]},
}
RECEIVED = datetime(2026, 3, 2, 10, tzinfo=LONDON)  # a Monday


def _due(target: object, received: datetime = RECEIVED) -> datetime:
    document: dict[str, Any] = {
        "calendars": CALENDARS,
        "sla": {"calendar": "teams", "warnings": [], "targets": [{"resolution": target}]},
    }
    desk, _ = make_desk(document, start=received)
    due = desk.intake(complaint(at=received)).clocks.metrics["resolution"].due_at
    assert due is not None
    return due


@pytest.mark.parametrize("ends", ["exact", "close_of_business", "end_of_day"])
def test_one_business_day_ends_when_tuesdays_business_closes(ends: str) -> None:
    due = _due({"within": "1 business day", "ends": ends})
    assert due == datetime(2026, 3, 4, 8, tzinfo=LONDON)


def test_hours_running_out_in_the_handover_end_at_the_first_close_after_them() -> None:
    due = _due({"within": "16.5 business hours", "ends": "close_of_business"})
    assert due == datetime(2026, 3, 3, 8, tzinfo=LONDON)


def test_a_receipt_in_the_handover_counts_from_the_day_that_opened() -> None:
    received = datetime(2026, 3, 3, 7, 30, tzinfo=LONDON)  # Tuesday: both days are open
    due = _due("1 business day", received)
    assert due == datetime(2026, 3, 5, 8, tzinfo=LONDON)  # Wednesday's business closes
