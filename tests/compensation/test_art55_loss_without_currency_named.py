"""消费者权益保护法 第五十五条第一款 pays a fraud case its loss beside the treble damages when the
loss is money (``money: true``). A loss recorded as a bare number (``loss: 200``), as text
(``"200元"``) or as a flag was neither paid nor named: the decision paid the refund and the
treble damages as if no loss were recorded. It still pays those (every drawn complaint is
decided), and now names the loss it could not read and how to write it."""

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


ART55 = _section("cn-consumer-protection-art55.yaml")


@pytest.mark.parametrize(
    ("loss", "shown", "write"),
    [
        (200, "loss 200 has no currency", "{amount: 200, currency: CNY}"),
        ("200", "loss '200' has no currency", "{amount: 200, currency: CNY}"),
        ("200元", "loss '200元' is no amount of money", "{amount: 200, currency: CNY}"),
        (True, "loss true is no amount of money", "{amount: …, currency: CNY}"),
    ],
)
def test_a_loss_that_is_no_money_is_named_in_the_decision(
    loss: object, shown: str, write: str
) -> None:
    facts = {"fraud": True, "price": Money("300", "CNY"), "loss": loss}
    decision = ART55.decide(make_case(None), facts, now=NOW)
    assert decision.total == Money("1200.00", "CNY")  # refund 300 + treble 900, as before
    explained = decision.explain()
    assert shown in explained
    assert f"write loss: {write}" in explained
    assert "fraud-treble-damages-and-loss" in explained
    (unread,) = decision.to_json()["unread"]
    assert unread["field"] == "facts.loss"


def test_a_loss_is_not_named_when_the_row_could_not_have_paid_it() -> None:
    # no fraud found: the loss row needs fraud too, so its loss is no reason it did not pay
    facts = {"fraud": False, "price": Money("300", "CNY"), "loss": 200}
    decision = ART55.decide(make_case(None), facts, now=NOW)
    assert "no currency" not in decision.explain()
    assert "unread" not in decision.to_json()


def test_a_loss_written_as_money_is_paid_and_nothing_is_named() -> None:
    facts = {"fraud": True, "price": Money("300", "CNY"), "loss": Money("200", "CNY")}
    decision = ART55.decide(make_case(None), facts, now=NOW)
    assert decision.total.amount == Decimal("1400.00")
    assert "unread" not in decision.to_json()
