"""An amount typed with a Chinese input method in full-width mode or written with its sign
(``100`` or ``1,000.50`` typed wide, ``￥100``, ``100元``) was refused with "must be
written in ASCII digits, e.g. '500.50'", while ``1,000`` typed in ASCII was told
``write it with no separators, '1000'``: the amount the customer meant was there to name.
It is still refused, never read (a full-width comma may be a decimal comma as well), but
told the ASCII number to write when one is plain."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.model.money import Money


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("\uff11\uff10\uff10", "100"),
        ("\uff11\uff10\uff10\uff0e\uff15\uff10", "100.50"),
        ("1\uff0c000", "1000"),
        ("\uff11\uff0c\uff10\uff10\uff10\uff0e\uff15", "1000.5"),
        ("￥100", "100"),
        ("¥ 1,000", "1000"),
        ("100元", "100"),
        ("1\uff0c000元", "1000"),
        ("\uff0d\uff15", "-5"),
    ],
)
def test_a_full_width_or_signed_amount_is_told_the_number(written: str, meant: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        Money.from_json({"amount": written, "currency": "CNY"}, "refund")
    assert refused.value.field == "refund.amount"
    assert f"write it as '{meant}'" in refused.value.message


@pytest.mark.parametrize("written", ["一千元", "1\uff0c00", "12\uff0c5", "\u0665\u0660\u0660"])
def test_one_with_no_plain_number_is_not_guessed(written: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        Money.from_json({"amount": written, "currency": "CNY"}, "refund")
    assert "write it as" not in refused.value.message
    assert "ASCII digits" in refused.value.message


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False))
def test_the_number_named_is_the_amount_typed(amount: object) -> None:
    written = full_width(f"{amount}")
    with pytest.raises(InvalidInput) as refused:
        Money.from_json({"amount": written, "currency": "CNY"}, "refund")
    named = refused.value.message.split("write it as '")[1].split("'")[0]
    assert Money.from_json({"amount": named, "currency": "CNY"}).amount == amount
