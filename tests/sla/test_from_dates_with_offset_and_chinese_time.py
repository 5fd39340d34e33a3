"""A target's ``from`` written year last with a time and its UTC offset (``20/09/2019 14:30
+08:00``, as an export from a system in Shanghai writes it) or as a Chinese date with its
time in 时 and 分 (``2019年9月20日14时30分``) was read as no date: the clock counted from
receipt, ten days late. The first is that instant; the second that wall time on the
calendar, as ``2019-09-20 14:30`` is. One that reads two ways is still named, not guessed."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sla_helpers import SENT_RECEIVED, first_response_from

EASTERN = ZoneInfo("America/New_York")
SHANGHAI = timezone(timedelta(hours=8))


def full_width(text: str) -> str:
    """``text`` typed in full-width mode: its ASCII digits and signs."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@pytest.mark.parametrize(
    ("sent", "offset"),
    [
        ("20/09/2019 14:30 +08:00", SHANGHAI),
        ("20/09/2019 14:30+08:00", SHANGHAI),
        ("20.09.2019 14:30 +0800", SHANGHAI),
        ("20-09-2019 14:30:00 +08", SHANGHAI),
        ("20/09/2019 14:30 -04:00", timezone(timedelta(hours=-4))),
        ("20/09/2019 14:30 Z", UTC),
        ("20/09/2019 14:30 UTC", UTC),
        ("2019/9/20 14:30 +08:00", SHANGHAI),
        (full_width("20/09/2019 14:30 +08:00"), SHANGHAI),
    ],
)
def test_year_last_with_time_and_offset_is_that_instant(sent: str, offset: timezone) -> None:
    state = first_response_from(sent)
    start = datetime(2019, 9, 20, 14, 30, tzinfo=offset)
    assert state.started_at == start
    assert state.due_at == start + timedelta(hours=48)
    assert (state.start_reason or "").startswith(f"complaint.attributes.sent = {sent}")


@pytest.mark.parametrize(
    ("sent", "at"),
    [
        ("2019年9月20日14时30分", time(14, 30)),
        ("2019年9月20日 14时30分", time(14, 30)),
        ("2019年09月20日14時30分", time(14, 30)),
        ("2019年9月20日14点30分", time(14, 30)),
        ("2019年9月20日14点30", time(14, 30)),
        ("2019年9月20日14时", time(14)),
        ("2019年9月20日14时30分05秒", time(14, 30, 5)),
        ("2019年9月20日14:30", time(14, 30)),
        (full_width("2019年9月20日14时30分"), time(14, 30)),
    ],
)
def test_a_chinese_date_with_its_time_is_read_on_the_calendar(sent: str, at: time) -> None:
    state = first_response_from(sent)
    assert state.started_at == datetime.combine(date(2019, 9, 20), at, EASTERN)


def test_a_date_with_offset_that_reads_two_ways_is_named_not_guessed() -> None:
    state = first_response_from("03/04/2019 14:30 +08:00")
    assert state.started_at == SENT_RECEIVED
    assert "reads two ways" in (state.start_reason or "")


@pytest.mark.parametrize(
    "sent",
    ["20/09/2019 14:30 +25:00", "20/09/2019 +08:00", "2019年9月20日25时", "2019年9月20日14时61分"],
)
def test_no_such_time_or_offset_is_no_date(sent: str) -> None:
    state = first_response_from(sent)
    assert state.started_at == SENT_RECEIVED
    assert (state.start_reason or "").startswith("complaint.attributes.sent is missing or not")


@settings(max_examples=40, deadline=None)
@given(
    day=st.dates(date(2019, 1, 1), date(2019, 12, 31)),
    moment=st.times().map(lambda t: t.replace(microsecond=0)),
    minutes=st.integers(-14 * 60, 14 * 60),
)
def test_year_last_with_offset_starts_where_iso_does(day: date, moment: time, minutes: int) -> None:
    if day.day <= 12 and day.day != day.month:
        return  # reads two ways
    sign, whole = ("-" if minutes < 0 else "+"), abs(minutes)
    offset = f"{sign}{whole // 60:02d}:{whole % 60:02d}"
    written = f"{day:%d/%m/%Y} {moment:%H:%M:%S} {offset}"
    iso = f"{day}T{moment:%H:%M:%S}{offset}"
    assert first_response_from(written).started_at == datetime.fromisoformat(iso)
