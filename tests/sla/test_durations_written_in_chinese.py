"""Durations as a Chinese SOP writes them that are not read (24小时内, 三个工作日, 1.5天,
48小時): the error says what to write instead, not only the list of accepted forms."""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration


@pytest.mark.parametrize(
    ("written", "advice"),
    [
        ("24小时内", "'24小时'"),
        ("3个工作日内", "'3个工作日'"),
        ("15日以内", "'15日'"),
        ("三个工作日", "'3个工作日'"),
        ("两小时", "'2小时'"),
        ("十五个工作日", "'15个工作日'"),
        ("48小時", "'48小时'"),
        ("3個工作日", "'3个工作日'"),
        ("1.5天", "'36小时'"),
        ("0.5天", "'12小时'"),
        ("1.5 days", "'36 hours'"),
    ],
)
def test_a_chinese_duration_not_read_says_what_to_write(written: str, advice: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    assert f"write {advice}" in raised.value.message


@pytest.mark.parametrize(
    "advised", ["24小时", "3个工作日", "15日", "2小时", "15个工作日", "48小时", "36小时"]
)
def test_what_is_advised_is_read(advised: str) -> None:
    parse_duration(advised)


@pytest.mark.parametrize("written", ["两个工作日", "三天", "4x"])
def test_a_duration_not_read_at_all_is_quoted_once(written: str) -> None:
    """'cannot read '两个工作日' at '两个工作日'' said the text twice: where reading stopped
    is worth saying only when it read something first."""
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    assert raised.value.message.count(repr(written)) == 1
    assert raised.value.message.startswith(f"cannot read {written!r}; ")


def test_where_reading_stopped_is_said_after_what_it_read() -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration("4 工作日 以内")
    assert raised.value.message.startswith("cannot read '4 工作日 以内' at '以内'; ")
