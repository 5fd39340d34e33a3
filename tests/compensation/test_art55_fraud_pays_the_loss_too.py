"""消费者权益保护法 第五十五条第一款: 经营者有欺诈行为的 … 应当按照消费者的要求增加赔偿其受到的损失 —
three times the price *increases* the compensation for the loss the consumer suffered, it
does not replace it (as 食品安全法 第一百四十八条's 除要求赔偿损失外 says outright). A fraud case
with a loss proven beyond the price refunded (a repair the fake needed, a wasted
installation) was paid the refund and the treble damages only, the loss recorded dropped
without a word. The row reads the loss only when it is money (``money: true``): a loss
recorded as a bare number or a flag is no amount, and the fraud row pays as before."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import pytest
from compensation_helpers import NOW, STATUTORY, make_case
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.compensation.policy import CompensationPolicy
from complaintkit.errors import InvalidInput
from complaintkit.model.money import Money
from complaintkit.policy.compiled import load_policy
from complaintkit.policytest.properties import check

FEN = Decimal("0.01")
PACK = STATUTORY / "cn-consumer-protection-art55.yaml"
SHOP = STATUTORY / "extended" / "cn-consumer-protection-shop.yaml"


def _section(path: object) -> CompensationPolicy:
    section = load_policy(path).compensation  # type: ignore[arg-type]
    assert section is not None
    return section


ART55 = [_section(PACK), _section(SHOP)]
money = st.decimals(min_value=0, max_value=Decimal("99999999"), places=3)


def paid(policy: CompensationPolicy, facts: dict[str, object]) -> list[tuple[str, Decimal]]:
    decision = policy.decide(make_case(None), facts, now=NOW)
    return [(r.kind, r.amount.amount) for r in decision.remedies if r.amount is not None]


def test_a_300_yuan_fake_that_cost_200_more_pays_1400() -> None:
    facts = {"fraud": True, "price": Money("300", "CNY"), "loss": Money("200", "CNY")}
    for policy in ART55:
        assert paid(policy, facts) == [
            ("refund", Decimal("300.00")),
            ("statutory_damages", Decimal("900.00")),
            ("statutory_damages", Decimal("200.00")),
        ]
        decision = policy.decide(make_case(None), facts, now=NOW)
        assert decision.total == Money("1400.00", "CNY")
        assert next(r.row for r in decision.remedies) == "fraud-treble-damages-and-loss"
        assert "赔偿损失" in decision.explain()


@settings(max_examples=100, deadline=None)
@given(price=money, loss=money)
def test_fraud_pays_the_refund_the_treble_damages_and_the_loss(
    price: Decimal, loss: Decimal
) -> None:
    facts = {"fraud": True, "price": Money(price, "CNY"), "loss": Money(loss, "CNY")}
    refund = price.quantize(FEN, ROUND_DOWN)
    expected = [
        ("refund", refund),
        ("statutory_damages", max(3 * refund, Decimal(500))),
        ("statutory_damages", loss.quantize(FEN, ROUND_HALF_UP)),
    ]
    for policy in ART55:
        assert paid(policy, facts) == expected


@pytest.mark.parametrize("loss", [200, "200", True, "是"])
def test_a_loss_that_is_no_money_is_not_paid_as_one(loss: object) -> None:
    facts = {"fraud": True, "price": Money("300", "CNY"), "loss": loss}
    for policy in ART55:
        assert paid(policy, facts) == [
            ("refund", Decimal("300.00")),
            ("statutory_damages", Decimal("900.00")),
        ]


def test_a_loss_in_another_currency_is_refused_naming_it() -> None:
    facts = {"fraud": True, "price": Money("300", "CNY"), "loss": Money("200", "USD")}
    for policy in ART55:
        with pytest.raises(InvalidInput) as refused:
            policy.decide(make_case(None), facts, now=NOW)
        assert refused.value.field == "facts.loss"


def test_the_pack_holds_the_compensation_property() -> None:
    # complaintkit check's generator gives loss as money, never as the row's literal true
    assert check(load_policy(PACK), only=("compensation",), examples=40) == []
