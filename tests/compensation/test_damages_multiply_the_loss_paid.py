"""Damages that are a multiple of the loss multiply the loss the same decision pays.

食品安全法 第一百四十八条 owes 赔偿损失 and 损失三倍的赔偿金; 消费者权益保护法 第五十五条第二款
the loss and 损失二倍以下的惩罚性赔偿, which the pack offers in full. A loss worked out to more
places than yuan have (333.335, a third of a bill) is paid as 333.34 (the policy's rounding,
half up); three times the loss is then 1,000.02, twice it 666.68 — worked out here from the
loss as paid, not from the library's formulas. Before, the damages multiplied 333.335 and
the decision read 赔偿损失 333.34 beside 损失三倍 1,000.01.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from compensation_helpers import NOW, make_case, statutory
from hypothesis import example, given, settings
from hypothesis import strategies as st

from complaintkit.compensation.policy import compile_section
from complaintkit.model.money import Money

ART55 = statutory("cn-consumer-protection-art55.yaml")
ART148 = statutory("cn-food-safety-art148.yaml")
FEN = Decimal("0.01")
losses = st.decimals(min_value=0, max_value=Decimal("100000"), places=3)


def _loss_paid(loss: Decimal) -> Decimal:
    return loss.quantize(FEN, ROUND_HALF_UP)


@settings(max_examples=150, deadline=None)
@given(loss=losses)
@example(loss=Decimal("333.335"))  # paid 333.34: twice it 666.68, not 666.67
@example(loss=Decimal("0.005"))  # paid 0.01: twice it 0.02, not 0.01
def test_art55_para2_pays_the_loss_and_twice_the_loss_paid(loss: Decimal) -> None:
    facts = {"known_defect_serious_harm": True, "loss": Money(loss, "CNY")}
    proven, punitive, _apology = ART55.decide(make_case(None), facts, now=NOW).remedies
    assert proven.amount == Money(_loss_paid(loss), "CNY")
    assert punitive.amount == Money(2 * _loss_paid(loss), "CNY")


@settings(max_examples=150, deadline=None)
@given(price=st.decimals(min_value=0, max_value=Decimal("5000"), places=2), loss=losses)
@example(price=Decimal("0.01"), loss=Decimal("333.335"))  # 1000.02, not 1000.01
@example(price=Decimal("1"), loss=Decimal("1000.005"))  # 3000.03, not 3000.02
def test_art148_three_times_the_loss_is_three_times_the_loss_paid(
    price: Decimal, loss: Decimal
) -> None:
    facts = {"unsafe_food": True, "price": Money(price, "CNY"), "loss": Money(loss, "CNY")}
    _refund, proven, punitive = ART148.decide(make_case(None), facts, now=NOW).remedies
    owed = max(10 * price, 3 * _loss_paid(loss), Decimal(1000))
    assert proven.amount == Money(_loss_paid(loss), "CNY")
    assert punitive.amount == Money(owed, "CNY")


def _loss_and_three_times(currency: str, rounding: str) -> dict[str, object]:
    return {
        "currency": currency,
        "rounding": rounding,
        "rules": [
            {
                "id": "loss",
                "remedies": [
                    {"kind": "statutory_damages", "amount": {"multiple": 1, "of": "loss"}},
                    {"kind": "statutory_damages", "amount": {"multiple": 3, "of": "loss"}},
                ],
            }
        ],
    }


@settings(max_examples=150, deadline=None)
@given(
    currency=st.sampled_from(["CNY", "JPY", "KWD", "BHD"]),
    rounding=st.sampled_from(["half_up", "half_even"]),
    loss=st.decimals(min_value=0, max_value=Decimal("100000"), places=4),
)
@example(currency="CNY", rounding="half_even", loss=Decimal("0.125"))  # 0.12: 0.36, not 0.38
@example(currency="JPY", rounding="half_up", loss=Decimal("100.5"))  # 101 yen: 303, not 302
@example(currency="KWD", rounding="half_up", loss=Decimal("1.0005"))  # 1.001: 3.003
def test_a_multiple_of_the_loss_multiplies_it_in_the_currency_units_and_rounding(
    currency: str, rounding: str, loss: Decimal
) -> None:
    policy = compile_section(_loss_and_three_times(currency, rounding))
    unit = Decimal(1).scaleb(-{"JPY": 0, "CNY": 2}.get(currency, 3))
    way = ROUND_HALF_UP if rounding == "half_up" else ROUND_HALF_EVEN
    paid = loss.quantize(unit, way)
    facts = {"loss": Money(loss, currency)}
    once, thrice = policy.decide(make_case(None, currency), facts, now=NOW).remedies
    assert once.amount == Money(paid, currency)
    assert thrice.amount == Money(3 * paid, currency)
    assert thrice.amount.amount == thrice.amount.amount.quantize(unit, ROUND_DOWN)
