"""Deadlines as Chinese operations SOPs say them: T+1, 次日, 当天, 半小时, 30分, 3个工作天.

Each was refused with the list of every form read ("write e.g. '24h', …"), leaving the
author to work out which one meant the same. The error now names it; where the idiom is
ambiguous (T+1: the close of the next business day, or the same time tomorrow?) both
readings are offered, so the author picks one.
"""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration


def _said(written: str) -> str:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    return raised.value.message


@pytest.mark.parametrize(
    ("written", "write"),
    [
        ("T+1", "write '1个工作日' (T+1: the close of the next business day) or '1天'"),
        ("t + 3", "write '3个工作日' (T+3: the close of the 3rd business day after) or '3天'"),
        ("T+2日", "write '2个工作日'"),
        ("T+0", "write '0个工作日' (the close of the day's business; of the next business"),
        ("当天", "write '0个工作日' (the close of the day's business; of the next business"),
        ("当日内", "write '0个工作日'"),
        ("次日", "write '1个工作日' (the close of the next business day) or '1天'"),
        ("第二天", "write '1个工作日'"),
        ("半小时", "write '30分钟'"),
        ("1个半小时", "write '90分钟'"),
        ("一个半小时", "write '90分钟'"),
        ("30分", "write '30分钟'"),
        ("1小时30分", "write '1小时30分钟'"),
        ("3个工作天", "write '3个工作日'"),
        ("5个营业日", "write '5个工作日'"),
    ],
)
def test_an_sop_idiom_is_told_the_duration_to_write(written: str, write: str) -> None:
    message = _said(written)
    assert write in message
    assert "write e.g." not in message


@pytest.mark.parametrize(
    "advised", ["1个工作日", "1天", "0个工作日", "30分钟", "90分钟", "1小时30分钟", "3个工作日"]
)
def test_what_is_advised_is_read(advised: str) -> None:
    parse_duration(advised)


@pytest.mark.parametrize(
    ("written", "write"),
    [
        ("24\uff5e48小时", "write '48小时' (a deadline is one duration: the range's end)"),
        ("3-5个工作日", "write '5个工作日' (a deadline is one duration: the range's end)"),
        ("1至2天", "write '2天'"),
    ],
)
def test_a_range_is_told_its_end(written: str, write: str) -> None:
    assert write in _said(written)


def test_where_reading_stopped_is_quoted_as_written() -> None:
    """'cannot read '24~48小时' at '24~48 hours'' (a full-width tilde) quoted the reader's own rewriting of
    the units, which the author never wrote."""
    message = _said("24\uff5e48小时")
    assert "hours" not in message
