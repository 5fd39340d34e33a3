"""Half a month and half a year as SOPs say them (半个月, 一个半月, 半年, 一年半; "half a
month", "half an hour") were refused with the bare list of forms, while 半小时 was told
'30分钟'. A month has 28 to 31 days, so half of one is told in days beside the months;
half a year is six months. 半天 is not guessed: it may be half a working day, so both
readings are told."""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration


@pytest.mark.parametrize(
    ("written", "advice"),
    [
        ("半个月", "'15日'"),
        ("半月", "'15日'"),
        ("半个月内", "'15日'"),
        ("一个半月", "'1个月15日'"),
        ("两个半月", "'2个月15日'"),
        ("半年", "'6个月'"),
        ("一年半", "'18个月'"),
        ("半年之内", "'6个月'"),
        ("half a month", "'15 days'"),
        ("half a year", "'6 months'"),
        ("half an hour", "'30 minutes'"),
        ("within half an hour", "'30 minutes'"),
    ],
)
def test_half_a_month_or_a_year_is_told_what_to_write(written: str, advice: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    assert f"write {advice}" in raised.value.message
    parse_duration(advice.strip("'"))


@pytest.mark.parametrize("written", ["half a day"])  # 半天: test_durations_half_days_and_weeks
def test_half_a_day_is_not_guessed_but_told_both_ways(written: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    assert "two ways" in raised.value.message
