"""An amount below one whole unit of a currency with no minor unit, written with three
places (``0.125`` JPY, ``0.500`` KRW), is no thousands grouping: a group of thousands never
stands after a 0, and no one writes 125 yen as ``0.125``. It is read as written, as
``0.5`` and ``0.1250`` are, where it was refused as ambiguous with a reading of ``'0125'``;
``1.000`` stays ambiguous (docs/intake.md, docs/policy/compensation.md).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.compensation.policy import check_section
from complaintkit.model.money import MINOR_UNITS, Money
from complaintkit.policy.conditions import compile_condition

NO_MINOR_UNIT = sorted(code for code, places in MINOR_UNITS.items() if places == 0)


@given(
    currency=st.sampled_from(NO_MINOR_UNIT),
    thousandths=st.integers(min_value=0, max_value=999),
    sign=st.sampled_from(["", "+"]),
)
def test_an_amount_below_one_unit_with_three_places_is_read_as_written(
    currency: str, thousandths: int, sign: str
) -> None:
    written = f"{sign}0.{thousandths:03d}"
    money = Money.from_json({"amount": written, "currency": currency}, "amount")
    assert money == Money(Decimal(written), currency)


@pytest.mark.parametrize("written", ["1.000", "150.000", "+2.500"])
def test_a_point_after_a_whole_group_stays_ambiguous(written: str) -> None:
    with pytest.raises(ValueError, match="ambiguous"):
        Money.from_json({"amount": written, "currency": "VND"}, "amount")


def test_a_policy_amount_below_one_yen_is_finer_than_paid_not_grouped() -> None:
    section = {
        "currency": "JPY",
        "rules": [{"id": "a", "remedies": [{"kind": "voucher", "amount": 500}]}],
        "caps": [{"limit": "0.500", "days": 90}],
    }
    codes = [p.code for p in check_section(section, "compensation") if p.severity == "error"]
    assert codes == ["amount-precision"]


def test_a_threshold_below_one_yen_compares_as_written() -> None:
    condition = compile_condition({"field": "complaint.amount", ">": "0.500"}, currency="JPY")
    assert condition.describe() == "complaint.amount > 0.500"
