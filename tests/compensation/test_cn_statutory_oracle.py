"""消费者权益保护法 第五十五条 and 食品安全法 第一百四十八条 worked out by hand and compared with
what the packs decide, loaded by complaintkit's own loader, alone and under a shop's policy
adding a goodwill voucher and cap (which never cuts money the law owes), for prices and
losses at the floors' edges (166.66 / 166.67, 99.99 / 100), to more places than the yuan
has, and in another currency (refused naming the fact: no rate converts it).

Art. 55 para. 1: refund + three times the price, at least 500, + a loss proven beyond the
price (增加赔偿其受到的损失); para. 2: the loss + twice it. Art. 148: the loss + the greater of ten times the price or three times the loss, at
least 1000. The loss is paid rounded half up to the fen, and its multiples multiply the
loss as paid; a refund pays back no more than was paid, so is cut to the fen.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from compensation_helpers import NOW, STATUTORY, make_case
from hypothesis import example, given, settings
from hypothesis import strategies as st

from complaintkit.compensation.policy import CompensationPolicy
from complaintkit.errors import InvalidInput
from complaintkit.model.money import Money
from complaintkit.policy.compiled import load_policy


def _section(path: Path) -> CompensationPolicy:
    section = load_policy(path).compensation
    assert section is not None
    return section


ART55 = [
    _section(STATUTORY / "cn-consumer-protection-art55.yaml"),
    _section(STATUTORY / "extended" / "cn-consumer-protection-shop.yaml"),
]
ART148 = [
    _section(STATUTORY / "cn-food-safety-art148.yaml"),
    _section(STATUTORY / "extended" / "cn-food-safety-shop.yaml"),
]
FEN = Decimal("0.01")
EDGES = ["0", "0.01", "0.005", "99.99", "99.995", "100", "166.66", "166.665", "166.67"]
EDGES += ["333.33", "333.335", "333.34", "99999999999.999"]
money = st.sampled_from([Decimal(e) for e in EDGES]) | st.decimals(
    min_value=0, max_value=Decimal("9999999999"), places=3
)


def fen(value: Decimal) -> Decimal:
    return value.quantize(FEN, ROUND_HALF_UP)


def paid(decision: object) -> list[tuple[str, Decimal | None]]:
    return [
        (r.kind, None if r.amount is None else r.amount.amount)
        for r in decision.remedies  # type: ignore[attr-defined]
        if r.kind in ("refund", "statutory_damages")
    ]


@settings(max_examples=200, deadline=None)
@given(price=money, loss=st.none() | money, fraud=st.booleans(), harm=st.booleans())
@example(price=Decimal("166.66"), loss=None, fraud=True, harm=False)
@example(price=Decimal("166.67"), loss=None, fraud=True, harm=False)
def test_art55_pays_what_the_statute_owes(
    price: Decimal, loss: Decimal | None, fraud: bool, harm: bool
) -> None:
    facts: dict[str, object] = {"fraud": fraud, "known_defect_serious_harm": harm}
    facts["price"] = Money(price, "CNY")
    if loss is not None:
        facts["loss"] = {"amount": str(loss), "currency": "CNY"}  # as JSON writes it
    expected: list[tuple[str, Decimal | None]] = []
    if fraud:
        refund = price.quantize(FEN, ROUND_DOWN)
        expected += [("refund", refund), ("statutory_damages", max(3 * refund, Decimal(500)))]
    if harm and loss is not None:
        expected += [("statutory_damages", fen(loss)), ("statutory_damages", 2 * fen(loss))]
    elif fraud and loss is not None:  # 增加赔偿其受到的损失: the loss is paid too, once
        expected += [("statutory_damages", fen(loss))]
    for policy in ART55:
        if harm and loss is None:
            with pytest.raises(InvalidInput):  # the loss is needed, never assumed
                policy.decide(make_case(None), facts, now=NOW)
            continue
        assert paid(policy.decide(make_case(None), facts, now=NOW)) == expected


@settings(max_examples=200, deadline=None)
@given(price=money, loss=st.none() | money, as_text=st.booleans())
@example(price=Decimal("99.99"), loss=None, as_text=False)
@example(price=Decimal("100"), loss=None, as_text=False)
@example(price=Decimal("100.005"), loss=None, as_text=True)
def test_art148_pays_what_the_statute_owes(
    price: Decimal, loss: Decimal | None, as_text: bool
) -> None:
    facts: dict[str, object] = {"unsafe_food": "true" if as_text else True}
    facts["price"] = Money(price, "CNY")
    if loss is not None:
        facts["loss"] = Money(loss, "CNY")
    lost = loss or Decimal(0)
    refund = price.quantize(FEN, ROUND_DOWN)
    damages = max(10 * refund, 3 * fen(lost), Decimal(1000))
    expected = [
        ("refund", refund),
        ("statutory_damages", fen(lost)),
        ("statutory_damages", damages),
    ]
    for policy in ART148:
        assert paid(policy.decide(make_case(None), facts, now=NOW)) == expected


@pytest.mark.parametrize("policy", [*ART55, *ART148])
@pytest.mark.parametrize("name", ["price", "loss"])
def test_money_in_another_currency_is_refused_naming_it(
    policy: CompensationPolicy, name: str
) -> None:
    facts: dict[str, object] = {"fraud": True, "unsafe_food": True}
    facts["known_defect_serious_harm"] = True
    facts |= {"price": Money("100", "CNY"), "loss": Money("100", "CNY")}
    facts[name] = Money("100", "USD")
    with pytest.raises(InvalidInput) as refused:
        policy.decide(make_case("100.00"), facts, now=NOW)
    assert refused.value.field == f"facts.{name}"


@pytest.mark.parametrize("policy", [*ART55, *ART148])
def test_a_complaint_paid_in_dollars_is_refused_naming_its_amount(
    policy: CompensationPolicy,
) -> None:
    with pytest.raises(InvalidInput) as refused:
        policy.decide(make_case("100.00", "USD"), {"fraud": True, "unsafe_food": True}, now=NOW)
    assert refused.value.field == "complaint.amount"
