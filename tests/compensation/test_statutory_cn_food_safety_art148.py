"""食品安全法 art. 148: unsafe food → loss plus max(10 x price, 3 x loss), at least 1,000 yuan."""

from __future__ import annotations

from decimal import Decimal

import pytest
from compensation_helpers import NOW, make_case, statutory

from complaintkit.compensation.policy import CompensationPolicy
from complaintkit.model.money import Money


@pytest.fixture(scope="module")
def policy() -> CompensationPolicy:
    return statutory("cn-food-safety-art148.yaml")


def damages(policy: CompensationPolicy, paid: str, loss: str | None = None) -> Decimal | None:
    facts: dict[str, object] = {"unsafe_food": True}
    if loss is not None:
        facts["loss"] = Money(loss, "CNY")
    _, _, damages = policy.decide(make_case(paid), facts, now=NOW).remedies
    return None if damages.amount is None else damages.amount.amount


def test_unsafe_20_yuan_snack_without_loss_earns_the_1000_floor_as_ten_times_is_200() -> None:
    assert damages(statutory("cn-food-safety-art148.yaml"), "20.00") == Decimal("1000.00")


def test_unsafe_food_at_150_earns_1500_because_ten_times_price_beats_the_floor(
    policy: CompensationPolicy,
) -> None:
    assert damages(policy, "150.00") == Decimal("1500.00")


def test_three_times_a_large_loss_wins_when_it_exceeds_ten_times_the_price(
    policy: CompensationPolicy,
) -> None:
    # 10 x 50 = 500, 3 x 2000 = 6000 → 6000
    assert damages(policy, "50.00", loss="2000.00") == Decimal("6000.00")


def test_ten_times_price_wins_when_the_loss_is_small(policy: CompensationPolicy) -> None:
    # 10 x 300 = 3000, 3 x 100 = 300 → 3000
    assert damages(policy, "300.00", loss="100.00") == Decimal("3000.00")


def test_both_measures_below_1000_give_the_floor(policy: CompensationPolicy) -> None:
    # 10 x 30 = 300, 3 x 200 = 600 → floor 1000
    assert damages(policy, "30.00", loss="200.00") == Decimal("1000.00")


def test_exactly_100_yuan_gives_exactly_the_floor_either_way(policy: CompensationPolicy) -> None:
    assert damages(policy, "100.00") == Decimal("1000.00")


def test_the_loss_itself_is_compensated_besides_the_damages(policy: CompensationPolicy) -> None:
    decision = policy.decide(
        make_case("50.00"), {"unsafe_food": True, "loss": Money("800.00", "CNY")}, now=NOW
    )
    refund, loss, _ = decision.remedies
    assert (refund.kind, refund.amount) == ("refund", Money("50.00", "CNY"))
    assert (loss.kind, loss.amount) == ("statutory_damages", Money("800.00", "CNY"))
    # refund 50 + loss 800 + max(500, 2400) = 3250
    assert decision.total == Money("3250.00", "CNY")


def test_an_unproven_loss_counts_as_zero_not_as_an_error(policy: CompensationPolicy) -> None:
    decision = policy.decide(make_case("80.00"), {"unsafe_food": True}, now=NOW)
    _, loss, _ = decision.remedies
    assert loss.amount == Money("0.00", "CNY")
    assert "loss not given, default 0.00 CNY" in decision.explain()


def test_a_harmless_label_flaw_is_excepted_from_the_damages_not_from_the_loss(
    policy: CompensationPolicy,
) -> None:
    decision = policy.decide(
        make_case("80.00"), {"unsafe_food": True, "label_flaw_only": True}, now=NOW
    )
    owed = [(r.kind, r.amount) for r in decision.remedies]
    assert owed == [("refund", Money("80.00", "CNY")), ("statutory_damages", Money("0", "CNY"))]
    assert decision.rows == ("harmless-label-flaw",)


def test_safe_food_earns_nothing_under_article_148(policy: CompensationPolicy) -> None:
    decision = policy.decide(make_case("80.00"), {"unsafe_food": False}, now=NOW)
    assert [r.kind for r in decision.remedies] == ["apology"]
    assert decision.used_default
    assert decision.total == Money("0", "CNY")


def test_explanation_shows_both_measures_and_which_was_greater(policy: CompensationPolicy) -> None:
    text = policy.decide(
        make_case("50.00"), {"unsafe_food": True, "loss": Money("400.00", "CNY")}, now=NOW
    ).explain()
    assert "10 x least_of(1 x price, 1 x paid) (50.00 CNY) = 500.00 CNY" in text
    assert "3 x loss (400.00 CNY) = 1200.00 CNY" in text
    assert "greater of(500.00 CNY, 1200.00 CNY) = 1200.00 CNY" in text
    assert "floor 1000.00 CNY not reached" in text
