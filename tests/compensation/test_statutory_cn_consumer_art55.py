"""消费者权益保护法 art. 55: fraud → refund plus three times the price, at least 500 yuan."""

from __future__ import annotations

from decimal import Decimal

import pytest
from compensation_helpers import NOW, amount_of, make_case, statutory

from complaintkit.compensation.policy import CompensationPolicy
from complaintkit.model.money import Money


@pytest.fixture(scope="module")
def policy() -> CompensationPolicy:
    return statutory("cn-consumer-protection-art55.yaml")


def damages(policy: CompensationPolicy, paid: str, **facts: object) -> Decimal | None:
    decision = policy.decide(make_case(paid), {"fraud": True, **facts}, now=NOW)
    return amount_of(decision.remedies, "statutory_damages")


def test_fraud_on_a_100_yuan_item_earns_the_500_floor_because_300_is_below_it(
    policy: CompensationPolicy,
) -> None:
    assert damages(policy, "100.00") == Decimal("500.00")


def test_fraud_on_a_200_yuan_item_earns_600_because_three_times_exceeds_the_floor(
    policy: CompensationPolicy,
) -> None:
    assert damages(policy, "200.00") == Decimal("600.00")


def test_fraud_at_exactly_166_67_earns_500_01_because_three_times_just_passes_the_floor(
    policy: CompensationPolicy,
) -> None:
    assert damages(policy, "166.67") == Decimal("500.01")


def test_fraud_at_166_66_earns_the_floor_because_three_times_is_499_98(
    policy: CompensationPolicy,
) -> None:
    assert damages(policy, "166.66") == Decimal("500.00")


def test_fraud_on_a_free_item_still_earns_500_because_the_floor_is_absolute(
    policy: CompensationPolicy,
) -> None:
    assert damages(policy, "0") == Decimal("500.00")


def test_fraud_on_a_9999_yuan_phone_earns_29997_with_no_upper_limit(
    policy: CompensationPolicy,
) -> None:
    assert damages(policy, "9999.00") == Decimal("29997.00")


def test_fraud_uses_the_price_fact_not_the_order_total_when_given(
    policy: CompensationPolicy,
) -> None:
    price = Money("1000.00", "CNY")
    assert damages(policy, "1500.00", price=price) == Decimal("3000.00")


def test_fraud_refunds_the_full_price_besides_the_damages(policy: CompensationPolicy) -> None:
    decision = policy.decide(make_case("250.00"), {"fraud": True}, now=NOW)
    assert amount_of(decision.remedies, "refund") == Decimal("250.00")
    assert decision.total == Money("1000.00", "CNY")


def test_no_fraud_found_means_no_punitive_damages_only_an_apology(
    policy: CompensationPolicy,
) -> None:
    decision = policy.decide(make_case("100.00"), {"fraud": False}, now=NOW)
    assert [r.kind for r in decision.remedies] == ["apology"]
    assert decision.rows == ("no-fraud",)


def test_fraud_not_established_is_treated_as_no_fraud(policy: CompensationPolicy) -> None:
    decision = policy.decide(make_case("100.00"), {}, now=NOW)
    assert decision.total == Money("0.00", "CNY")


def test_fraud_explanation_shows_the_multiplication_and_the_floor(
    policy: CompensationPolicy,
) -> None:
    text = policy.decide(make_case("120.00"), {"fraud": True}, now=NOW).explain()
    assert "3 x price (120.00 CNY) = 360.00 CNY" in text
    assert "raised 360.00 CNY to 500.00 CNY" in text
    assert "floor applied: 500.00 CNY" in text
    assert "三倍" in text
