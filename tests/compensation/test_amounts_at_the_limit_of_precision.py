"""Amounts at the edge of what money holds: 15 digits before the point, 8 after it.

A complaint may be about 999999999999999.5 JPY (both bounds of outside input are met), yet
rounded to the yen it is 1000000000000000, 16 digits: a voucher of all of it is refused,
naming the amount as rounded, the one with 16 digits.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from compensation_helpers import NOW, make_case

from complaintkit.compensation.decision import decide
from complaintkit.compensation.policy import compile_section
from complaintkit.errors import InvalidInput


def _section(currency: str, remedy: Mapping[str, object]) -> dict[str, object]:
    return {"currency": currency, "rules": [{"id": "all", "remedies": [remedy]}]}


def test_a_voucher_rounded_past_15_digits_is_refused_naming_the_rounded_amount() -> None:
    remedy = {"kind": "voucher", "amount": {"percent": 100, "of": "amount"}}
    policy = compile_section(_section("JPY", remedy))
    with pytest.raises(InvalidInput) as refused:
        decide(policy, make_case("999999999999999.5", "JPY"), now=NOW)
    assert "1000000000000000 JPY" in refused.value.message
    assert "more than 15 digits" in refused.value.message
