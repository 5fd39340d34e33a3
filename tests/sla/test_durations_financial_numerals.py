"""Durations written in the numerals of a financial document (大写: 叁个工作日, 拾伍日,
贰拾肆小时, as a bank's or insurer's SOP and contract write amounts and periods so they
cannot be altered) or with the old tens (廿日, 卅日): they were refused with the bare list of
forms, while 三个工作日 was told '3个工作日'. Now each is told the duration to write."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.policy.chinese_numerals import chinese_number
from complaintkit.sla.durations import parse_duration


@pytest.mark.parametrize(
    ("written", "advice"),
    [
        ("叁个工作日", "'3个工作日'"),
        ("柒个工作日", "'7个工作日'"),
        ("拾伍日", "'15日'"),
        ("叁拾日", "'30日'"),
        ("陆拾日", "'60日'"),
        ("贰拾肆小时", "'24小时'"),
        ("壹个月", "'1个月'"),
        ("貳拾肆小時", "'24小时'"),
        ("拾個工作日內", "'10个工作日'"),
        ("廿日", "'20日'"),
        ("卅日", "'30日'"),
        ("廿五日", "'25日'"),
        ("壹佰贰拾日", "'120日'"),
    ],
)
def test_a_duration_in_financial_numerals_is_told_what_to_write(written: str, advice: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    assert f"write {advice}" in raised.value.message


_PLAIN = "零一二三四五六七八九十百千万"
_FINANCIAL = "零壹贰叁肆伍陆柒捌玖拾佰仟萬"


@given(st.integers(min_value=1, max_value=99_999_999))
def test_financial_numerals_read_as_the_plain_ones(number: int) -> None:
    """Every numeral in 大写 has the value of the same numeral in plain characters."""
    plain = _numeral(number)
    financial = plain.translate(str.maketrans(_PLAIN, _FINANCIAL))
    assert chinese_number(plain) == number
    assert chinese_number(financial) == number


def _numeral(number: int) -> str:
    """``number`` in plain Chinese numerals, 零 for each run of skipped scales."""
    high, low = divmod(number, 10_000)
    if not high:
        return _below_wan(low)
    rest = _below_wan(low)
    gap = "零" if low and low < 1000 else ""
    return f"{_below_wan(high)}万{gap}{rest}"


def _below_wan(number: int) -> str:
    digits = "零一二三四五六七八九"
    out, skipped = "", False
    for value, scale in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // value % 10
        if digit:
            out += ("零" if skipped and out else "") + digits[digit] + scale
            skipped = False
        else:
            skipped = True
    return out
