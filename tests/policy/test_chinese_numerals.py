"""Chinese numerals read for hints: the value of one an SOP writes, none for what is not one."""

from __future__ import annotations

import pytest

from complaintkit.policy.chinese_numerals import chinese_number


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("三", 3), ("两", 2), ("十", 10), ("十五", 15), ("二十四", 24), ("一百二十", 120)],
)
def test_a_numeral_reads_as_its_value(numeral: str, value: int) -> None:
    assert chinese_number(numeral) == value


@pytest.mark.parametrize("numeral", ["零", "十十", "三四", "十百", "百百", "三x"])
def test_what_is_no_numeral_reads_as_none(numeral: str) -> None:
    assert chinese_number(numeral) is None
