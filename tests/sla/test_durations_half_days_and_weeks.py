"""Half a day, half a business day and half a week as a Chinese SOP says them: 半天,
半个工作日, 两个半工作日, 一周半. Half an hour and N days and a half were told what to write;
these got only the list of every form read. Each is now refused with what to write, and
where it reads two ways (半天: half a calendar day or half a working day) with both."""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration


@pytest.mark.parametrize(
    ("written", "writes"),
    [
        ("半天", ["12小时", "4个工作小时"]),
        ("半日", ["12小时", "4个工作小时"]),
        ("半天内", ["12小时", "4个工作小时"]),
        ("1个半天", ["36小时", "4个工作小时"]),
        ("两个半天", ["60小时", "8个工作小时"]),
        ("半个工作日", ["4个工作小时"]),
        ("半工作日", ["4个工作小时"]),
        ("两个半工作日", ["20个工作小时"]),
        ("2个工作日半", ["20个工作小时"]),
        ("半周", ["84小时"]),
        ("半个星期", ["84小时"]),
        ("一周半", ["252小时"]),
        ("1个半星期", ["252小时"]),
        ("两个星期半", ["420小时"]),
    ],
)
def test_halves_are_told_what_to_write(written: str, writes: list[str]) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    said = raised.value.message
    assert "write e.g." not in said
    for write in writes:
        assert f"'{write}'" in said
        parse_duration(write)  # what it is told to write is read


@pytest.mark.parametrize("written", ["半小时", "一个半小时", "一天半", "半个月", "半年"])
def test_halves_told_before_are_still_told(written: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    assert "write e.g." not in raised.value.message
