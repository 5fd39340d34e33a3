"""The two Chinese statutory packs on any price and loss, each amount worked out here by
hand from the statute's words, not by the library's formulas.

消费者权益保护法 第五十五条: 欺诈 → 退还价款, 增加赔偿 三倍价款, 不足五百元的为五百元.
食品安全法 第一百四十八条: 赔偿损失, 价款十倍或者损失三倍的赔偿金, 不足一千元的为一千元.

Money is paid in the currency's units: a price is what was paid, cut to the unit (人民币
管理条例 第三条), which the refund pays back and the multiples multiply; a loss is paid rounded
half up, and its multiples multiply the loss as paid; a floor written in yuan is paid as
written. What comes to more than
15 digits before the point is refused.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext

import pytest
from compensation_helpers import NOW, make_case, statutory
from hypothesis import example, given, settings
from hypothesis import strategies as st

from complaintkit.compensation.policy import compile_section
from complaintkit.errors import InvalidInput
from complaintkit.model.money import Money

ART55 = statutory("cn-consumer-protection-art55.yaml")
ART148 = statutory("cn-food-safety-art148.yaml")
PLACES = {"CNY": 2, "JPY": 0, "KWD": 3}
WAYS = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN}

#: prices written to one place more than yuan have (0.005, 333.335), up to 10^14
prices = st.decimals(min_value=0, max_value=Decimal("99999999999999.999"), places=3)
small = st.decimals(min_value=0, max_value=Decimal("2000"), places=3)


def _unit(currency: str) -> Decimal:
    return Decimal(1).scaleb(-PLACES[currency])


def _paid(value: Decimal, currency: str = "CNY", way: str = "half_up") -> Decimal:
    """What a worked-out amount is paid as: rounded once to the currency's unit."""
    with localcontext(prec=100):
        return value.quantize(_unit(currency), WAYS[way])


def _too_big(value: Decimal) -> bool:
    return value >= Decimal(10) ** 15


@settings(max_examples=400, deadline=None)
@given(price=st.one_of(prices, small))
@example(price=Decimal("0.005"))
@example(price=Decimal("333.335"))
@example(price=Decimal("166.66"))
@example(price=Decimal("166.67"))
@example(price=Decimal("166.665"))  # 166.66 paid: 499.98, the floor
@example(price=Decimal("0"))
def test_art55_fraud_refunds_the_price_and_adds_three_times_it_at_least_500(
    price: Decimal,
) -> None:
    facts = {"fraud": True, "price": Money(price, "CNY")}
    decision = ART55.decide(make_case(None), facts, now=NOW)
    refund, treble, apology = decision.remedies
    with localcontext(prec=100):
        back = price.quantize(Decimal("0.01"), ROUND_DOWN)
        owed = max(3 * back, Decimal(500))
    assert (refund.kind, treble.kind, apology.kind) == ("refund", "statutory_damages", "apology")
    assert refund.amount == Money(back, "CNY")
    assert treble.amount == Money(owed, "CNY")
    assert decision.total == Money(back + owed, "CNY")
    assert decision.approvals_needed == ()  # the pack names no approval


@settings(max_examples=400, deadline=None)
@given(
    price=st.one_of(prices, small),
    loss=st.one_of(st.none(), prices, small),
)
@example(price=Decimal("99.995"), loss=None)  # 999.95: the floor
@example(price=Decimal("100.015"), loss=None)  # 100.01 paid: 1000.10
@example(price=Decimal("0.01"), loss=Decimal("333.335"))  # 333.34 paid: 1000.02
@example(price=Decimal("99999999999999.99"), loss=None)  # 999999999999999.90: 15 digits
@example(price=Decimal("100000000000000"), loss=None)  # 10^15: refused
def test_art148_pays_the_loss_and_the_greater_of_ten_times_the_price_or_three_times_the_loss(
    price: Decimal, loss: Decimal | None
) -> None:
    facts: dict[str, object] = {"unsafe_food": True, "price": Money(price, "CNY")}
    if loss is not None:
        facts["loss"] = Money(loss, "CNY")
    lost = loss if loss is not None else Decimal(0)
    with localcontext(prec=100):
        back = price.quantize(Decimal("0.01"), ROUND_DOWN)
        greater = max(10 * back, 3 * _paid(lost))
    if _too_big(greater) or _too_big(lost):
        with pytest.raises(InvalidInput, match="more than 15 digits"):
            ART148.decide(make_case(None), facts, now=NOW)
        return
    decision = ART148.decide(make_case(None), facts, now=NOW)
    refund, proven, punitive = decision.remedies
    with localcontext(prec=100):
        owed = max(_paid(greater), Decimal(1000))
        total = back + _paid(lost) + owed
    assert refund.amount == Money(back, "CNY")
    assert proven.amount == Money(_paid(lost), "CNY")
    assert punitive.amount == Money(owed, "CNY")
    assert decision.total == Money(total, "CNY")


def _refund_and_three_times(currency: str, rounding: str) -> dict[str, object]:
    """退一赔三 written for a shop in ``currency``: the floor is 500 of its units."""
    return {
        "currency": currency,
        "rounding": rounding,
        "rules": [
            {
                "id": "fraud",
                "remedies": [
                    {"kind": "refund", "full": True},
                    {
                        "kind": "statutory_damages",
                        "amount": {"multiple": 3, "of": "price", "floor": 500},
                    },
                ],
            }
        ],
    }


@settings(max_examples=300, deadline=None)
@given(
    currency=st.sampled_from(sorted(PLACES)),
    rounding=st.sampled_from(sorted(WAYS)),
    price=st.decimals(min_value=0, max_value=Decimal("333333333333333"), places=4),
)
@example(currency="JPY", rounding="half_even", price=Decimal("166.5"))  # 166 paid: 500 floor
@example(currency="JPY", rounding="half_even", price=Decimal("167.8333"))  # 167 paid: 501
@example(currency="KWD", rounding="half_even", price=Decimal("166.6675"))  # 166.667: 500.001
@example(currency="CNY", rounding="half_even", price=Decimal("333.335"))  # 333.33: 999.99
@example(currency="CNY", rounding="half_up", price=Decimal("333.335"))  # 333.33: 999.99
def test_refund_and_three_times_in_any_currency_and_rounding(
    currency: str, rounding: str, price: Decimal
) -> None:
    section = compile_section(_refund_and_three_times(currency, rounding))
    facts = {"price": Money(price, currency)}
    with localcontext(prec=100):
        back = price.quantize(_unit(currency), ROUND_DOWN)
        three_times = 3 * back
    if _too_big(three_times):
        with pytest.raises(InvalidInput, match="more than 15 digits"):
            section.decide(make_case(None), facts, now=NOW)
        return
    decision = section.decide(make_case(None), facts, now=NOW)
    refund, treble = decision.remedies
    with localcontext(prec=100):
        owed = max(_paid(three_times, currency, rounding), Decimal(500))
    assert treble.amount == Money(owed, currency)
    assert refund.amount == Money(back, currency)
    assert decision.total == Money(back + owed, currency)
    for remedy in decision.remedies:
        assert remedy.amount is not None
        assert remedy.amount.amount.as_tuple().exponent == -PLACES[currency]
