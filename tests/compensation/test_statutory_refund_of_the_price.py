"""退一: the Chinese packs refund the price of what was bought, as their damages are worked
out from it. A complaint's amount is the order's total; when the price of the item is
supplied as a fact (a 1,000-yuan fake in a 1,500-yuan order) the refund used to pay back
the whole order, 1,500, beside damages on 1,000. Now it refunds the price, held to what
was paid (``paid``, a discounted 800), and with no price the complaint's amount as
before."""

from __future__ import annotations

from decimal import Decimal

import pytest
from compensation_helpers import NOW, STATUTORY, make_case

from complaintkit.compensation.policy import CompensationPolicy
from complaintkit.model.money import Money
from complaintkit.policy.compiled import load_policy


def _section(name: str) -> CompensationPolicy:
    section = load_policy(STATUTORY / name).compensation
    assert section is not None
    return section


PACKS = [
    (_section("cn-consumer-protection-art55.yaml"), {"fraud": True}),
    (_section("extended/cn-consumer-protection-shop.yaml"), {"fraud": True}),
    (_section("cn-food-safety-art148.yaml"), {"unsafe_food": True}),
    (_section("extended/cn-food-safety-shop.yaml"), {"unsafe_food": True}),
]


def _yuan(text: str | None) -> Money | None:
    return None if text is None else Money(text, "CNY")


@pytest.mark.parametrize(("policy", "finding"), PACKS)
@pytest.mark.parametrize(
    ("order", "price", "paid", "refund"),
    [
        ("1500.00", "1000.00", None, "1000.00"),  # the item's price, not the order's total
        ("1500.00", "1000.00", "800.00", "800.00"),  # what was paid for it, when less
        ("1500.00", None, None, "1500.00"),  # no price: the complaint's amount
        (None, "250.00", None, "250.00"),
        ("1500.00", "0.005", None, "0.00"),  # never more than the price
    ],
)
def test_the_refund_is_of_the_price_held_to_what_was_paid(
    policy: CompensationPolicy,
    finding: dict[str, object],
    order: str | None,
    price: str | None,
    paid: str | None,
    refund: str,
) -> None:
    given = {"price": _yuan(price), "paid": _yuan(paid)}
    facts = finding | {name: value for name, value in given.items() if value is not None}
    decision = policy.decide(make_case(order), facts, now=NOW)
    (back,) = [r for r in decision.remedies if r.kind == "refund"]
    assert back.amount == Money(Decimal(refund), "CNY")
