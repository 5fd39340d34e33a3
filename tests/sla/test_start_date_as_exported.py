"""A target's ``from:`` date as a spreadsheet or an export writes it: padded with spaces,
with one-digit parts, slashes or dots, 年月日, or typed in full-width mode. Each reads as one
date only, year first, yet the clock counted from receipt instead: a CFPB complaint sent to
the company on 20 September 2019 and received on the 24th was due 4 days late, on 10
October. A day-month form (``03/06/2020``) still reads two ways and is not read."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sla_helpers import complaint, make_desk

EASTERN = ZoneInfo("America/New_York")
RECEIVED = datetime(2019, 9, 24, 13, tzinfo=UTC)
CFPB: dict[str, Any] = {
    "calendars": {"eastern": {"timezone": "America/New_York", "hours": "24x7"}},
    "sla": {
        "calendar": "eastern",
        "targets": [
            {
                "first_response": {
                    "within": "15 calendar days",
                    "from": "complaint.attributes.date_sent_to_company",
                    "ends": "end_of_day",
                    "pause_in": [],
                }
            }
        ],
    },
}


def due(sent: object) -> datetime | None:
    desk, _ = make_desk(CFPB, start=RECEIVED)
    case = desk.intake(complaint(at=RECEIVED, date_sent_to_company=sent))
    return case.clocks.metrics["first_response"].due_at


def end_of_day_15(sent: date) -> datetime:
    return datetime.combine(sent + timedelta(days=16), datetime.min.time(), EASTERN)


@pytest.mark.parametrize(
    "written",
    [
        " 2019-09-20",
        "2019-09-20 ",
        "2019-09-20\n",
        "2019-9-20",
        "2019/09/20",
        "2019/9/20",
        "2019.09.20",
        "2019年9月20日",
        "\uff12\uff10\uff11\uff19-\uff10\uff19-\uff12\uff10",  # typed in full-width mode
    ],
)
def test_a_date_written_year_first_is_read_as_that_date(written: str) -> None:
    assert due(written) == end_of_day_15(date(2019, 9, 20))


@given(day=st.dates(min_value=date(2000, 1, 1), max_value=date(2019, 9, 24)))
def test_any_date_with_one_digit_parts_and_slashes_is_that_date(day: date) -> None:
    written = f" {day.year}/{day.month}/{day.day} "
    assert due(written) == end_of_day_15(day)


@pytest.mark.parametrize("written", ["03/06/2019", "2019-02-30", "2019/13/01", "sent"])
def test_a_date_that_reads_two_ways_or_none_counts_from_receipt(written: str) -> None:
    assert due(written) == end_of_day_15(date(2019, 9, 24))
