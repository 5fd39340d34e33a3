"""A deadline at 24:00 as a Chinese SOP says it: 次日24时前, 当日24点前, 第二天24:00前.

Each was refused with only the list of every form read, though the policy language says
it: the day count as a duration ('1日', or '0日' for the same day) with ``ends:
end_of_day`` (24:00 of the last day, 民法典 art. 203). The refusal now names both.
"""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration


@pytest.mark.parametrize(
    ("written", "days"),
    [
        ("次日24时前", "1日"),
        ("次日24点前", "1日"),
        ("第二天24:00前", "1日"),
        ("翌日二十四时前", "1日"),
        ("当日24时前", "0日"),
        ("当天24点之前", "0日"),
    ],
)
def test_a_deadline_at_midnight_is_told_the_days_and_the_end_rule(written: str, days: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    message = raised.value.message
    assert f"write '{days}' with ends: end_of_day" in message
    assert "write e.g." not in message
    parse_duration(days)
