"""A target's ``from`` date written year last with a time, as a European or Chinese export
writes it (``20/09/2019 14:30``), was read as no date: the clock counted from receipt.
It is that wall time on the calendar now, as ``2019-09-20 14:30`` is; one that reads two
ways is named, not guessed. A holiday written year last with dashes (``20-09-2019``) was
told only the format, where slashes and dots were told the date to write."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sla_helpers import SENT_RECEIVED, first_response_from

from complaintkit.errors import InvalidInput
from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.date_advice import date_advice

EASTERN = ZoneInfo("America/New_York")
#: 20/09/2019 14:30 typed in full-width mode, digits and signs
FULL_WIDTH = "".join(chr(ord(c) + 0xFEE0) if c != " " else c for c in "20/09/2019 14:30")


@pytest.mark.parametrize(
    "sent",
    [
        "20/09/2019 14:30",
        "20.09.2019 14:30",
        "20-09-2019 14:30",
        "20/09/2019 14:30:00",
        "09/20/2019 14:30",
        " 20/9/2019  14:30 ",
        FULL_WIDTH,
        "2019/09/20 14:30",
        "2019-09-20 14:30",
    ],
)
def test_a_date_and_time_written_year_last_is_read_on_the_calendar(sent: str) -> None:
    state = first_response_from(sent)
    start = datetime(2019, 9, 20, 14, 30, tzinfo=EASTERN)
    assert state.started_at == start
    assert state.due_at == start + timedelta(hours=48)
    assert (state.start_reason or "").startswith(f"complaint.attributes.sent = {sent}")


def test_a_date_and_time_that_reads_two_ways_is_named_not_guessed() -> None:
    state = first_response_from("03/04/2019 14:30")
    assert state.started_at == SENT_RECEIVED
    reason = state.start_reason or ""
    assert "reads two ways" in reason
    assert "2019-04-03" in reason
    assert "2019-03-04" in reason


@pytest.mark.parametrize("sent", ["20/09/2019 25:00", "20/09/2019 14:61", "31/02/2019 14:30"])
def test_no_such_time_or_day_is_no_date(sent: str) -> None:
    state = first_response_from(sent)
    assert state.started_at == SENT_RECEIVED
    assert (state.start_reason or "").startswith("complaint.attributes.sent is missing or not")


@settings(max_examples=60, deadline=None)
@given(
    day=st.dates(date(2019, 1, 1), date(2019, 12, 31)),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
)
def test_year_last_with_time_starts_where_iso_does(day: date, hour: int, minute: int) -> None:
    moment = time(hour, minute)
    if day.day <= 12 and day.day != day.month:
        return  # reads two ways
    written = f"{day:%d/%m/%Y} {moment:%H:%M}"
    assert (
        first_response_from(written).started_at
        == first_response_from(f"{day} {moment:%H:%M}").started_at
    )


@pytest.mark.parametrize(
    ("written", "meant"), [("20-09-2019", "2019-09-20"), ("12-25-2026", "2026-12-25")]
)
def test_a_holiday_written_year_last_with_dashes_is_told_the_date(written: str, meant: str) -> None:
    assert date_advice(written) == f"write {meant!r}"
    data = {"timezone": "Asia/Shanghai", "hours": "24x7", "holidays": [written]}
    with pytest.raises(InvalidInput) as refused:
        BusinessCalendar.from_mapping(data, "cal")
    assert f"write {meant!r}" in refused.value.message


def test_a_dashed_date_that_reads_two_ways_names_both() -> None:
    advice = date_advice("10-01-2026")
    assert advice.startswith("it reads two ways")
    assert "'2026-01-10'" in advice
    assert "'2026-10-01'" in advice
