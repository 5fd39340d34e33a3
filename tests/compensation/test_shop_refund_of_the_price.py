"""退货退款 in the shipped shops: a spoiled carton of milk returned from a basket, a fake
returned from an order, is refunded its price, held to what was paid, as the statutory
packs refund it (50e232eb). Their rows refunded what was paid for the whole order: 12.80
yuan of milk in a 150-yuan basket was refunded 150, beside damages worked out from 12.80.
With no price given it is the complaint's amount, as before."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from compensation_helpers import NOW, make_case

from complaintkit.model.money import Money
from complaintkit.policy.compiled import load_policy

ROOT = Path(__file__).parents[2]
SHOP = ROOT / "policies" / "ecommerce" / "online-shop.yaml"
FOOD_SHOPS = [
    ROOT / "policies" / "retail" / "supermarket.yaml",
    ROOT / "src/complaintkit/demo/policy.yaml",
]
FOOD_FINDINGS = [
    pytest.param({"unsafe_food": True}, id="food-safety"),
    pytest.param({"unsafe_food": False}, id="food-found-safe"),
    pytest.param({}, id="food-safety-unverified"),
    pytest.param({"label_flaw_only": True}, id="food-label-flaw"),
]
CASES = [
    pytest.param({"price": "12.80"}, "12.80", id="the item's price"),
    pytest.param({"price": "12.80", "paid": "10.00"}, "10.00", id="what was paid for it"),
    pytest.param({}, "150.00", id="no price: the complaint's amount"),
]


def _refund(path: Path, tags: tuple[str, ...], facts: dict[str, object]) -> Money | None:
    section = load_policy(path).compensation
    assert section is not None
    case = attrs.evolve(make_case("150.00"), tags=tags)
    (refund,) = [r for r in section.decide(case, facts, now=NOW).remedies if r.kind == "refund"]
    return refund.amount


def _yuan(given: dict[str, str]) -> dict[str, object]:
    return {name: Money(amount, "CNY") for name, amount in given.items()}


@pytest.mark.parametrize(("given", "refund"), CASES)
@pytest.mark.parametrize("finding", FOOD_FINDINGS)
@pytest.mark.parametrize("path", FOOD_SHOPS, ids=lambda path: path.parent.name)
def test_food_returned_is_refunded_its_price(
    path: Path, finding: dict[str, object], given: dict[str, str], refund: str
) -> None:
    facts = finding | _yuan(given)
    assert _refund(path, ("food_safety",), facts) == Money(Decimal(refund), "CNY")


@pytest.mark.parametrize(("given", "refund"), CASES)
def test_a_fake_returned_is_refunded_its_price(given: dict[str, str], refund: str) -> None:
    assert _refund(SHOP, (), {"fraud": True} | _yuan(given)) == Money(Decimal(refund), "CNY")
