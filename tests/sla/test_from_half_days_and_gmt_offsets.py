"""A target's ``from`` written with the half of the day (``2019年9月20日下午2时30分``,
``20/09/2019 2:30 PM``), an offset named for its zone (``GMT+8``, ``UTC+8``), or a Chinese
date-time followed by its offset (``2019年9月20日14时30分 +08:00``), as forms and exports
in China and abroad write them, was read as no date: the clock counted from receipt, ten
days late. Each is now the time it writes; one that names no single time (``上午12时``,
``晚上12点``, ``14:30 PM``) keeps counting from receipt and says what to write."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sla_helpers import SENT_RECEIVED, first_response_from

EASTERN = ZoneInfo("America/New_York")
SHANGHAI = timezone(timedelta(hours=8))


@pytest.mark.parametrize(
    ("sent", "at"),
    [
        ("2019年9月20日下午2时30分", time(14, 30)),
        ("2019年9月20日 下午2点30分", time(14, 30)),
        ("2019年9月20日晚上8点", time(20)),
        ("2019年9月20日上午9时15分", time(9, 15)),
        ("2019年9月20日凌晨1点", time(1)),
        ("2019年9月20日中午12点", time(12)),
        ("2019年9月20日中午1点", time(13)),
        ("2019年9月20日下午12时", time(12)),
        ("2019年9月20日下午14时", time(14)),
        ("2019-09-20 2:30 PM", time(14, 30)),
        ("2019/9/20 2:30pm", time(14, 30)),
        ("2019-09-20 12:05 AM", time(0, 5)),
        ("2019-09-20 12:05 p.m.", time(12, 5)),
        ("2019-09-20 11:59:30 a.m.", time(11, 59, 30)),
        ("20/09/2019 2:30 PM", time(14, 30)),
    ],
)
def test_the_half_of_the_day_is_read(sent: str, at: time) -> None:
    state = first_response_from(sent)
    assert state.started_at == datetime.combine(date(2019, 9, 20), at, EASTERN)


@pytest.mark.parametrize(
    ("sent", "offset"),
    [
        ("2019-09-20 14:30 GMT+8", SHANGHAI),
        ("2019-09-20 14:30 UTC+8", SHANGHAI),
        ("2019-09-20 14:30 UTC+08:00", SHANGHAI),
        ("2019-09-20 14:30 GMT+0800", SHANGHAI),
        ("2019-09-20 14:30 GMT-5", timezone(timedelta(hours=-5))),
        ("2019-09-20 14:30 GMT", UTC),
        ("2019-09-20 14:30 +8", SHANGHAI),
        ("20/09/2019 2:30 PM GMT+8", SHANGHAI),
        ("2019年9月20日14时30分 +08:00", SHANGHAI),
        ("2019年9月20日14时30分+0800", SHANGHAI),
        ("2019年9月20日下午2时30分 GMT+8", SHANGHAI),
        ("2019年9月20日14:30 UTC+8", SHANGHAI),
    ],
)
def test_an_offset_named_for_its_zone_or_after_a_chinese_time_is_that_instant(
    sent: str, offset: timezone
) -> None:
    state = first_response_from(sent)
    assert state.started_at == datetime(2019, 9, 20, 14, 30, tzinfo=offset)
    assert (state.start_reason or "").startswith(f"complaint.attributes.sent = {sent}")


@pytest.mark.parametrize(
    ("sent", "write"),
    [
        ("2019年9月20日上午12时", "write 0时 for midnight or 12时 for noon"),
        ("2019年9月20日晚上12点", "write the next day's 0时 for midnight"),
        ("2019年9月20日上午14时", "write 14时 without 上午"),
        ("2019-09-20 14:30 PM", "write 14:30 without PM"),
        ("2019-09-20 0:30 AM", "write 0:30 without AM"),
    ],
)
def test_a_time_naming_no_single_instant_says_what_to_write(sent: str, write: str) -> None:
    state = first_response_from(sent)
    assert state.started_at == SENT_RECEIVED
    assert write in (state.start_reason or "")


@pytest.mark.parametrize("sent", ["2019-09-20 14:30 GMT+15", "2019-09-20 14:30 UTC+8:75"])
def test_no_such_offset_is_no_date(sent: str) -> None:
    state = first_response_from(sent)
    assert state.started_at == SENT_RECEIVED
    assert "is missing or not a date" in (state.start_reason or "")


@settings(max_examples=40, deadline=None)
@given(moment=st.times().map(lambda t: t.replace(second=0, microsecond=0)))
def test_twelve_hour_clock_starts_where_twenty_four_hour_does(moment: time) -> None:
    hour = moment.hour % 12 or 12
    half = "AM" if moment.hour < 12 else "PM"
    twelve = first_response_from(f"2019-09-20 {hour}:{moment.minute:02d} {half}")
    assert twelve.started_at == first_response_from(f"2019-09-20 {moment:%H:%M}").started_at
    chinese = "上午" if moment.hour < 12 else "下午"
    written = (
        f"2019年9月20日{chinese}{hour if hour != 12 or half == 'PM' else 0}时{moment.minute}分"
    )
    assert first_response_from(written).started_at == twelve.started_at
