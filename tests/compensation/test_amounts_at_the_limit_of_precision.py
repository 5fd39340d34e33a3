"""Amounts at the edge of what money holds: 15 digits before the point, 8 after it.

A complaint may be about 999999999999999.99999999 CNY (both bounds of outside input are
met), yet rounded to the fen it is 1000000000000000.00, 16 digits. A full refund of it is
held to what was paid, 999999999999999.99, which money holds; a voucher of all of a loss
that large (a loss keeps every digit, unlike what was paid) is refused, naming the amount
as rounded, the one with 16 digits.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import pytest
from compensation_helpers import NOW, amount_of, make_case

from complaintkit.compensation.decision import decide
from complaintkit.compensation.policy import compile_section
from complaintkit.errors import InvalidInput


def _section(currency: str, remedy: Mapping[str, object]) -> dict[str, object]:
    return {"currency": currency, "rules": [{"id": "all", "remedies": [remedy]}]}


@pytest.mark.parametrize(
    ("paid", "currency", "refunded"),
    [
        ("999999999999999.99999999", "CNY", "999999999999999.99"),
        ("999999999999999.5", "JPY", "999999999999999"),
        ("999999999999999.9995", "KWD", "999999999999999.999"),
    ],
)
@pytest.mark.parametrize(
    "remedy",
    [
        {"kind": "refund", "full": True},
        {"kind": "refund", "amount": {"percent": 100, "of": "paid"}},
    ],
)
def test_a_full_refund_of_the_largest_amount_a_complaint_holds_pays_back_what_was_paid(
    paid: str, currency: str, refunded: str, remedy: dict[str, object]
) -> None:
    policy = compile_section(_section(currency, remedy))
    decision = decide(policy, make_case(paid, currency), now=NOW)
    assert amount_of(decision.remedies, "refund") == Decimal(refunded)
    assert decision.total.amount == Decimal(refunded)


def test_a_voucher_rounded_past_15_digits_is_refused_naming_the_rounded_amount() -> None:
    remedy = {"kind": "voucher", "amount": {"percent": 100, "of": "loss"}}
    policy = compile_section(_section("JPY", remedy))
    loss = {"amount": "999999999999999.5", "currency": "JPY"}
    with pytest.raises(InvalidInput) as refused:
        decide(policy, make_case(None, "JPY"), {"loss": loss}, now=NOW)
    assert "1000000000000000 JPY" in refused.value.message
    assert "more than 15 digits" in refused.value.message
