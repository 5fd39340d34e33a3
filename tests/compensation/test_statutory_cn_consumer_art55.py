"""消费者权益保护法 art. 55: fraud → refund plus three times the price, at least 500 yuan."""

from __future__ import annotations

from decimal import Decimal

import pytest
from compensation_helpers import NOW, amount_of, make_case, statutory

from complaintkit.compensation.policy import CompensationPolicy
from complaintkit.errors import InvalidInput
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
    assert "3 x least_of(1 x price, 1 x paid) (120.00 CNY) = 360.00 CNY" in text
    assert "raised 360.00 CNY to 500.00 CNY" in text
    assert "floor applied: 500.00 CNY" in text
    assert "三倍" in text


def _remedies(decision: object) -> list[tuple[str, Decimal | None]]:
    return [
        (r.kind, None if r.amount is None else r.amount.amount)
        for r in decision.remedies  # type: ignore[attr-defined]
    ]


def test_a_known_defect_causing_serious_harm_owes_the_loss_and_up_to_twice_it(
    policy: CompensationPolicy,
) -> None:
    # 第五十五条第二款: 明知缺陷 … 造成死亡或者健康严重损害 → 赔偿损失 + 所受损失二倍以下的惩罚性赔偿
    facts = {"known_defect_serious_harm": True, "loss": Money("10000.00", "CNY")}
    decision = policy.decide(make_case("300.00"), facts, now=NOW)
    assert _remedies(decision) == [
        ("statutory_damages", Decimal("10000.00")),
        ("statutory_damages", Decimal("20000.00")),
        ("apology", None),
    ]
    assert decision.rows == ("known-defect-serious-harm",)


def test_serious_harm_from_a_known_defect_needs_the_loss_proven(
    policy: CompensationPolicy,
) -> None:
    with pytest.raises(InvalidInput, match="needs the input 'loss'"):
        policy.decide(make_case("300.00"), {"known_defect_serious_harm": True}, now=NOW)
    decision = policy.decide(
        make_case("300.00"), {"known_defect_serious_harm": True}, now=NOW, partial=True
    )
    assert decision.needs == ("loss",)


def test_fraud_that_also_caused_serious_harm_owes_both_paragraphs(
    policy: CompensationPolicy,
) -> None:
    facts = {"fraud": True, "known_defect_serious_harm": True, "loss": Money("0.01", "CNY")}
    decision = policy.decide(make_case("100.00"), facts, now=NOW)
    assert _remedies(decision) == [
        ("refund", Decimal("100.00")),
        ("statutory_damages", Decimal("500.00")),
        ("statutory_damages", Decimal("0.01")),
        ("statutory_damages", Decimal("0.02")),
        ("apology", None),
    ]
