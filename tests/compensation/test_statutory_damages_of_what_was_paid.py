"""退一赔三 and 价款十倍: the damages are a multiple of 价款, what the consumer paid for the
item (消费者购买商品的价款), the same sum 退一 refunds. A 1,000-yuan item bought for 800 (a
discount, a coupon the seller gave) was refunded 800 beside damages on 1,000: 3,000 where
the law owes 2,400, 10,000 of food where it owes 8,000. Every shipped Chinese policy now
works its damages out from the price held to what was paid, as the packs' refund is."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from compensation_helpers import NOW, make_case

from complaintkit.compensation.policy import CompensationPolicy
from complaintkit.model.money import Money
from complaintkit.policy.compiled import load_policy

ROOT = Path(__file__).parents[2]
STATUTORY = ROOT / "policies" / "statutory"
FRAUD = {"fraud": True}
UNSAFE = {"unsafe_food": True}


def _section(path: Path) -> CompensationPolicy:
    section = load_policy(path).compensation
    assert section is not None
    return section


POLICIES = [
    pytest.param(STATUTORY / "cn-consumer-protection-art55.yaml", FRAUD, 3, id="art55"),
    pytest.param(STATUTORY / "extended/cn-consumer-protection-shop.yaml", FRAUD, 3, id="shop"),
    pytest.param(ROOT / "policies/ecommerce/online-shop.yaml", FRAUD, 3, id="online-shop"),
    pytest.param(STATUTORY / "cn-food-safety-art148.yaml", UNSAFE, 10, id="art148"),
    pytest.param(STATUTORY / "extended/cn-food-safety-shop.yaml", UNSAFE, 10, id="food-shop"),
    pytest.param(ROOT / "policies/retail/supermarket.yaml", UNSAFE, 10, id="supermarket"),
    pytest.param(ROOT / "src/complaintkit/demo/policy.yaml", UNSAFE, 10, id="demo"),
]


def _yuan(text: str | None) -> Money | None:
    return None if text is None else Money(text, "CNY")


@pytest.mark.parametrize(("path", "finding", "times"), POLICIES)
@pytest.mark.parametrize(
    ("order", "price", "paid", "base"),
    [
        ("1500.00", "1000.00", "800.00", "800.00"),  # bought for less than its price
        ("1500.00", "1000.00", None, "1000.00"),  # the item's price, not the order's
        ("800.00", None, None, "800.00"),  # the complaint's amount
        ("900.00", None, "700.00", "700.00"),  # what was paid, the order's total beside it
        ("1500.00", "1000.00", "1200.00", "1000.00"),  # paid for more than the item
    ],
)
def test_damages_are_a_multiple_of_what_was_paid_for_the_item(
    path: Path,
    finding: dict[str, object],
    times: int,
    order: str,
    price: str | None,
    paid: str | None,
    base: str,
) -> None:
    given = {"price": _yuan(price), "paid": _yuan(paid)}
    facts = finding | {name: value for name, value in given.items() if value is not None}
    case = attrs.evolve(make_case(order), tags=("food_safety",))
    decision = _section(path).decide(case, facts, now=NOW)
    damages = [r.amount for r in decision.remedies if r.kind == "statutory_damages"]
    assert max(d.amount for d in damages if d is not None) == times * Decimal(base)
