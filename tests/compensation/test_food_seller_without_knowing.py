"""食品安全法 art. 148 para. 2 owes ten times the price (or three times the loss, at least
1,000 yuan) for food a business 生产 (produced), or 经营明知 (sold knowing it failed the
standards): a seller that did not know owes the loss first (para. 1, 首负责任制) but not
the damages, which the consumer claims from the producer. The pack paid them on the finding
of unsafe food alone, so a shop that only sold spoiled 20-yuan snacks it could not have
known about was told to pay 1,000 yuan of damages the law does not ask of it."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest
from compensation_helpers import NOW, STATUTORY, make_case
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.compensation.policy import CompensationPolicy
from complaintkit.model.money import Money
from complaintkit.policy.compiled import load_policy

PACKS = ["cn-food-safety-art148.yaml", "extended/cn-food-safety-shop.yaml"]


@cache
def statutory(pack: str) -> CompensationPolicy:
    """The pack, or the shop's policy over it (``extends``), loaded once."""
    section = load_policy(STATUTORY / pack).compensation
    assert section is not None
    return section


YUAN = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("5000"), places=2)


@pytest.mark.parametrize("pack", PACKS)
@settings(max_examples=25, deadline=None)
@given(price=YUAN, loss=YUAN)
def test_a_seller_that_did_not_know_pays_the_price_back_and_the_loss_only(
    pack: str, price: Decimal, loss: Decimal
) -> None:
    facts = {"unsafe_food": True, "sold_without_knowing": True, "loss": Money(loss, "CNY")}
    decision = statutory(pack).decide(make_case(str(price)), facts, now=NOW)
    assert decision.rows == ("unsafe-food-sold-without-knowing",)
    paid = {r.kind: r.amount.amount for r in decision.remedies if r.amount is not None}
    assert paid == {"refund": price, "statutory_damages": loss}


@pytest.mark.parametrize("pack", PACKS)
@pytest.mark.parametrize("knew", [{"sold_without_knowing": False}, {}], ids=["knew", "unsaid"])
def test_a_producer_or_a_seller_that_knew_still_owes_the_damages(
    pack: str, knew: dict[str, bool]
) -> None:
    decision = statutory(pack).decide(make_case("20.00"), {"unsafe_food": True} | knew, now=NOW)
    assert decision.rows == ("unsafe-food-damages",)
    assert decision.total.amount == Decimal("1020.00")
