"""What a customer paid (``price``, ``paid``, the complaint's ``amount``) changed hands in
the currency's whole units (人民币管理条例 第三条: the yuan's units are 元, 角 and 分), so a
price recorded finer (12.345 CNY) is read as the most that can have been paid, cut to the
unit (12.34), by every formula alike: the refund pays that back and 食品安全法 art. 148's
ten times (or 消费者权益保护法 art. 55's three times) multiplies the same sum, never the
raw figure the refund could not pay back."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

import attrs
import pytest
from compensation_helpers import NOW, STATUTORY, make_case
from hypothesis import example, given, settings
from hypothesis import strategies as st

from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.model.case import Case
from complaintkit.model.complaint import Complaint
from complaintkit.model.money import MINOR_UNITS, Money
from complaintkit.policy.compiled import load_policy


def _pack(name: str) -> CompensationPolicy:
    section = load_policy(STATUTORY / name).compensation
    assert section is not None
    return section


ART148 = _pack("cn-food-safety-art148.yaml")
ART55 = _pack("cn-consumer-protection-art55.yaml")


def _money(decision: object) -> list[tuple[str, Decimal]]:
    return [
        (r.kind, r.amount.amount)
        for r in decision.remedies  # type: ignore[attr-defined]
        if r.amount is not None
    ]


@pytest.mark.parametrize(
    ("pack", "facts", "expected"),
    [
        (
            ART148,
            {"unsafe_food": True},
            [("refund", "123.45"), ("statutory_damages", "0.00"), ("statutory_damages", "1234.50")],
        ),
        (ART55, {"fraud": True}, [("refund", "123.45"), ("statutory_damages", "500.00")]),
    ],
)
def test_a_price_finer_than_a_fen_is_one_base_for_refund_and_damages(
    pack: CompensationPolicy, facts: dict[str, object], expected: list[tuple[str, str]]
) -> None:
    facts = {**facts, "price": Money("123.455", "CNY")}
    decision = pack.decide(make_case(None), facts, now=NOW)
    assert _money(decision) == [(kind, Decimal(amount)) for kind, amount in expected]


def test_treble_damages_multiply_the_price_refunded() -> None:
    facts = {"fraud": True, "price": Money("200.005", "CNY")}
    decision = ART55.decide(make_case(None), facts, now=NOW)
    assert _money(decision) == [
        ("refund", Decimal("200.00")),
        ("statutory_damages", Decimal("600.00")),
    ]


def _stored_with(amount: str, currency: str) -> Case:
    """A case whose complaint holds ``amount`` as stored before intake refused an amount
    finer than its currency (``Complaint.from_stored`` reads it as stored)."""
    case = make_case(None, currency)
    data = case.complaints[0].to_json()
    data["amount"] = {"amount": amount, "currency": currency}
    return attrs.evolve(case, complaints=(Complaint.from_stored(data),))


def test_a_stored_complaints_amount_is_read_in_whole_units_too() -> None:
    decision = ART148.decide(_stored_with("555.559", "CNY"), {"unsafe_food": True}, now=NOW)
    assert _money(decision)[::2] == [
        ("refund", Decimal("555.55")),
        ("statutory_damages", Decimal("5555.50")),
    ]


prices = st.decimals(min_value=0, max_value=Decimal("99999999"), places=4)


@settings(max_examples=150, deadline=None)
@given(
    price=prices,
    currency=st.sampled_from(["CNY", "JPY", "KWD", "EUR"]),
    factor=st.integers(1, 12),
    input_name=st.sampled_from(["price", "paid", "amount"]),
)
@example(price=Decimal("123.455"), currency="CNY", factor=10, input_name="price")
@example(price=Decimal("0.5"), currency="JPY", factor=3, input_name="paid")
def test_a_multiple_of_what_was_paid_is_that_multiple_of_the_refund(
    price: Decimal, currency: str, factor: int, input_name: str
) -> None:
    section = compile_section(
        {
            "currency": currency,
            "rules": [
                {
                    "id": "r",
                    "remedies": [
                        {"kind": "refund", "amount": {"multiple": 1, "of": input_name}},
                        {
                            "kind": "statutory_damages",
                            "amount": {"multiple": factor, "of": input_name},
                        },
                    ],
                }
            ],
        }
    )
    facts = {} if input_name == "amount" else {input_name: Money(price, currency)}
    case = _stored_with(str(price), currency) if input_name == "amount" else make_case(None)
    (_, refund), (_, damages) = _money(section.decide(case, facts, now=NOW))
    unit = Decimal(1).scaleb(-MINOR_UNITS[currency])
    assert refund == price.quantize(unit, ROUND_DOWN)
    assert damages == refund * factor


@settings(max_examples=150, deadline=None)
@given(price=prices)
@example(price=Decimal("166.665"))
@example(price=Decimal("100.005"))
def test_the_statutory_multiples_are_of_the_refund(price: Decimal) -> None:
    facts: dict[str, object] = {"unsafe_food": True, "fraud": True, "price": Money(price, "CNY")}
    refund, _, food = _money(ART148.decide(make_case(None), facts, now=NOW))
    assert food[1] == max(10 * refund[1], Decimal(1000))
    refund55, fraud = _money(ART55.decide(make_case(None), facts, now=NOW))
    assert refund55 == refund
    assert fraud[1] == max(3 * refund[1], Decimal(500))
