"""食品安全法 art. 148's proviso (但书) excepts a harmless label flaw from the ten-times
damages (还可以要求支付价款十倍或者损失三倍的赔偿金) only. The loss the consumer proves is
still owed (消费者除要求赔偿损失外, the first clause), as it is by a seller that did not know."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from compensation_helpers import NOW, make_case, statutory
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.model.money import Money
from complaintkit.policy.compiled import load_policy

ROOT = Path(__file__).parents[2]
SHOPS = [
    ROOT / "policies" / "retail" / "supermarket.yaml",
    ROOT / "src" / "complaintkit" / "demo" / "policy.yaml",
]
ART148 = statutory("cn-food-safety-art148.yaml")
YUAN = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)


@given(price=YUAN, loss=YUAN)
def test_the_pack_pays_a_proven_loss_beside_the_refund_but_no_damages(
    price: Decimal, loss: Decimal
) -> None:
    facts = {"unsafe_food": True, "label_flaw_only": True, "loss": Money(loss, "CNY")}
    decision = ART148.decide(make_case(str(price)), facts, now=NOW)
    assert decision.rows == ("harmless-label-flaw",)
    owed = [(r.kind, r.amount) for r in decision.remedies]
    assert owed == [
        ("refund", Money(price, "CNY")),
        ("statutory_damages", Money(loss, "CNY")),
    ]
    assert decision.total == Money(price + loss, "CNY")


def test_the_pack_pays_no_loss_when_none_is_proven() -> None:
    facts = {"label_flaw_only": True}
    decision = ART148.decide(make_case("20.00"), facts, now=NOW)
    assert decision.total == Money("20.00", "CNY")


@pytest.mark.parametrize("path", SHOPS, ids=lambda path: path.parent.name)
def test_a_food_shop_pays_a_proven_loss_for_a_harmless_label_flaw(path: Path) -> None:
    section = load_policy(path).compensation
    assert section is not None
    case = attrs.evolve(make_case("12.50"), tags=("food_safety",))
    facts = {"label_flaw_only": True, "loss": Money("300.00", "CNY")}
    decision = section.decide(case, facts, now=NOW)
    assert decision.rows == ("food-label-flaw",)
    assert decision.total == Money("312.50", "CNY")
