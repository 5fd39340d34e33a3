"""A refund, a multiple with a minimum and percentages, worked out by hand in currencies
paid in 0 (KRW, VND, CLP, ISK, JPY), 2, 3 (TND, OMR, KWD) and 4 (CLF) decimal places,
from prices and losses given to 8 places, as tiny as 0.00000001.

The rules as docs/policy/compensation.md states them: each remedy is rounded once, to
the currency's unit by the section's rounding, before its floor (消费者权益保护法 art. 55:
three times the price, at least 500; 食品安全法 art. 148: ten times the price or three
times the loss, at least 1000); what was paid (the complaint's amount, the price) is read
in whole units, cut down, so the refund pays it back and each multiple multiplies it; the
total is the sum of the remedies as paid.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from compensation_helpers import NOW, make_case
from hypothesis import example, given, settings
from hypothesis import strategies as st

from complaintkit.compensation.decision import decide
from complaintkit.compensation.policy import compile_section
from complaintkit.model.money import Money

PLACES = {"KRW": 0, "VND": 0, "CLP": 0, "ISK": 0, "JPY": 0, "CNY": 2, "EUR": 2}
PLACES |= {"TND": 3, "OMR": 3, "KWD": 3, "CLF": 4}
MODES = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN}
amounts = st.one_of(
    st.integers(0, 10**11).map(lambda units: Decimal(units).scaleb(-8)),  # to 0.00000001
    st.decimals(0, 10**11, places=8),
    st.sampled_from([Decimal("0.5"), Decimal("0.0005"), Decimal("166.665"), Decimal("49.995")]),
)


def _section(currency: str, rounding: str, vouchers: int, percent: Decimal) -> dict[str, object]:
    voucher = {"kind": "voucher", "amount": {"percent": str(percent), "of": "price"}}
    threefold = {"multiple": 3, "of": "price", "floor": 500}
    tenfold = {
        "greater_of": [{"multiple": 10, "of": "price"}, {"multiple": 3, "of": "loss"}],
        "floor": 1000,
    }
    remedies = [
        {"kind": "refund", "full": True},
        {"kind": "statutory_damages", "amount": threefold},
        {"kind": "statutory_damages", "amount": tenfold},
        *([voucher] * vouchers),
    ]
    rules = [{"id": "all", "remedies": remedies}]
    return {"currency": currency, "rounding": rounding, "rules": rules}


@settings(max_examples=300, deadline=None)
@example(  # a loss finer than the currency's unit, three times of it the greater
    currency="CLF",
    rounding="half_even",
    price=Decimal(0),
    loss=Decimal("516.45371667"),
    vouchers=0,
    percent=Decimal(1),
)
@given(
    currency=st.sampled_from(sorted(PLACES)),
    rounding=st.sampled_from(sorted(MODES)),
    price=amounts,
    loss=amounts,
    vouchers=st.integers(0, 12),
    percent=st.decimals(Decimal("0.0001"), 200, places=4),
)
def test_each_remedy_is_rounded_once_before_its_minimum_and_the_total_adds_them(
    currency: str, rounding: str, price: Decimal, loss: Decimal, vouchers: int, percent: Decimal
) -> None:
    unit, mode = Decimal(1).scaleb(-PLACES[currency]), MODES[rounding]
    policy = compile_section(_section(currency, rounding, vouchers, percent))
    facts = {"loss": Money(loss, currency)}
    decision = decide(policy, make_case(str(price), currency), facts, now=NOW)
    paid = [remedy.amount.amount for remedy in decision.remedies if remedy.amount is not None]
    refund, threefold, tenfold, *given = paid
    paid_in_units = price.quantize(unit, ROUND_DOWN)  # what can have been paid
    assert refund == paid_in_units
    assert threefold == max(3 * paid_in_units, 500)
    loss_paid = loss.quantize(unit, mode)  # a loss is owed in the currency's units
    assert tenfold == max(max(10 * paid_in_units, 3 * loss_paid).quantize(unit, mode), 1000)
    assert given == [(paid_in_units * percent / 100).quantize(unit, mode)] * vouchers
    assert decision.total == Money(sum(paid, Decimal(0)), currency)
    assert all(amount == amount.quantize(unit) for amount in paid)
