"""A target's ``from`` date written with the year last, as a European or Chinese form or a
spreadsheet exports it: ``20/09/2019``, ``20.09.2019``, ``20-09-2019``. It was read as no
date, so the clock counted from receipt with nothing in sight but a start reason saying
the field was missing. A date only one way can mean (a day past 12, either side) is that
date; one that reads two ways (``03/04/2019``) is not guessed at: the clock counts from
receipt and its start reason names both readings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sla_helpers import complaint, make_desk

from complaintkit.model.clocks import ClockState
from complaintkit.sla.year_last_dates import year_last_readings

EASTERN = ZoneInfo("America/New_York")
RECEIVED = datetime(2019, 9, 30, 12, tzinfo=UTC)
#: 20/09/2019 typed in full-width mode, digits and slashes
FULL_WIDTH = "".join(chr(ord(c) + 0xFEE0) for c in "20/09/2019")
POLICY: dict[str, Any] = {
    "calendars": {"eastern": {"timezone": "America/New_York", "hours": "24x7"}},
    "sla": {
        "calendar": "eastern",
        "warnings": [],
        "targets": [
            {
                "first_response": {
                    "within": "15 calendar days",
                    "from": "complaint.attributes.sent",
                    "ends": "end_of_day",
                }
            }
        ],
    },
}


def first_response(sent: str) -> ClockState:
    desk, _ = make_desk(POLICY, start=RECEIVED)
    return desk.intake(complaint(at=RECEIVED, sent=sent)).clocks.metrics["first_response"]


def _by_hand(day: date) -> datetime:
    """24:00 Eastern of the 15th day after ``day`` (the day itself not counted)."""
    return datetime.combine(day + timedelta(days=16), datetime.min.time(), EASTERN)


@pytest.mark.parametrize(
    "sent", ["20/09/2019", "20.09.2019", "20-09-2019", " 20/9/2019 ", FULL_WIDTH, "09/20/2019"]
)
def test_a_date_one_way_only_is_read(sent: str) -> None:
    state = first_response(sent)
    assert (state.started_at, state.due_at) == (
        datetime(2019, 9, 20, tzinfo=EASTERN),
        _by_hand(date(2019, 9, 20)),
    )
    assert state.start_reason == f"complaint.attributes.sent = {sent} (2019-09-20)"


def test_a_date_that_reads_two_ways_is_named_not_guessed() -> None:
    state = first_response("03/04/2019")
    assert state.started_at == RECEIVED
    reason = state.start_reason or ""
    assert reason.startswith("complaint.attributes.sent = '03/04/2019' reads two ways")
    assert "2019-04-03" in reason
    assert "2019-03-04" in reason
    assert "write YYYY-MM-DD" in reason


def test_a_day_of_no_month_is_no_date() -> None:
    state = first_response("31/02/2019")
    assert state.started_at == RECEIVED
    assert (state.start_reason or "").startswith("complaint.attributes.sent is missing or not")


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)))
def test_any_year_last_date_reads_as_the_day_it_can_only_mean(day: date) -> None:
    """Day first and month first agree, or only one of them is a day: that day; else none."""
    for first, second in ((day.day, day.month), (day.month, day.day)):
        readings = year_last_readings(f"{first:02d}/{second:02d}/{day.year}")
        if day.day > 12 or day.day == day.month:
            assert readings == [day]
        else:
            assert sorted(readings) == sorted({day, day.replace(day=day.month, month=day.day)})
