"""EU 261/2004 art. 7: 250 / 400 / 600 EUR by distance, halved after a timely rerouting."""

from __future__ import annotations

from decimal import Decimal

import pytest
from compensation_helpers import NOW, make_case, statutory

from complaintkit.compensation.policy import CompensationPolicy


@pytest.fixture(scope="module")
def policy() -> CompensationPolicy:
    return statutory("eu-261-2004-art7.yaml")


def owed(policy: CompensationPolicy, **flight: object) -> tuple[Decimal, tuple[str, ...]]:
    decision = policy.decide(make_case("300.00", "EUR"), {"flight": flight}, now=NOW)
    return decision.total.amount, decision.rows


def test_paris_to_london_340_km_is_band_a_so_250(policy: CompensationPolicy) -> None:
    assert owed(policy, distance_km=340, intra_eu=True) == (Decimal("250.00"), ("up-to-1500km",))


def test_exactly_1500_km_is_still_band_a(policy: CompensationPolicy) -> None:
    assert owed(policy, distance_km=1500, intra_eu=True)[0] == Decimal("250.00")


def test_band_a_rerouted_arriving_2_hours_late_is_halved_to_125(policy: CompensationPolicy) -> None:
    assert owed(policy, distance_km=900, rerouted_delay_hours=2)[0] == Decimal("125.00")


def test_band_a_rerouted_arriving_2_5_hours_late_is_not_halved(policy: CompensationPolicy) -> None:
    assert owed(policy, distance_km=900, rerouted_delay_hours=Decimal("2.5"))[0] == Decimal(
        "250.00"
    )


def test_intra_eu_lisbon_to_helsinki_3360_km_is_band_b_so_400(policy: CompensationPolicy) -> None:
    assert owed(policy, distance_km=3360, intra_eu=True)[0] == Decimal("400.00")


def test_intra_eu_flight_over_3500_km_stays_band_b_because_intra_eu_is_capped_at_400(
    policy: CompensationPolicy,
) -> None:
    # Paris - Canary Islands is ~ 3,700 km but intra-Community
    assert owed(policy, distance_km=3700, intra_eu=True) == (Decimal("400.00"), ("medium",))


def test_non_eu_2500_km_flight_is_band_b(policy: CompensationPolicy) -> None:
    assert owed(policy, distance_km=2500, intra_eu=False)[0] == Decimal("400.00")


def test_band_b_rerouted_within_3_hours_is_halved_to_200(policy: CompensationPolicy) -> None:
    assert owed(policy, distance_km=2500, intra_eu=False, rerouted_delay_hours=3)[0] == Decimal(
        "200.00"
    )


def test_frankfurt_to_new_york_6200_km_is_band_c_so_600(policy: CompensationPolicy) -> None:
    assert owed(policy, distance_km=6200, intra_eu=False)[0] == Decimal("600.00")


def test_band_c_rerouted_within_4_hours_is_halved_to_300(policy: CompensationPolicy) -> None:
    assert owed(policy, distance_km=6200, intra_eu=False, rerouted_delay_hours=4)[0] == Decimal(
        "300.00"
    )


def test_band_c_rerouted_arriving_5_hours_late_gets_the_full_600(
    policy: CompensationPolicy,
) -> None:
    assert owed(policy, distance_km=6200, intra_eu=False, rerouted_delay_hours=5)[0] == Decimal(
        "600.00"
    )


def test_extraordinary_circumstances_owe_no_compensation_under_article_5_3(
    policy: CompensationPolicy,
) -> None:
    amount, rows = owed(policy, distance_km=6200, intra_eu=False, extraordinary=True)
    assert (amount, rows) == (Decimal("0.00"), ("extraordinary-circumstances",))


def test_compensation_does_not_depend_on_the_ticket_price(policy: CompensationPolicy) -> None:
    cheap = policy.decide(make_case("19.99", "EUR"), {"flight": {"distance_km": 700}}, now=NOW)
    assert cheap.total.amount == Decimal("250.00")


def test_explanation_shows_the_halving(policy: CompensationPolicy) -> None:
    decision = policy.decide(
        make_case("300.00", "EUR"),
        {"flight": {"distance_km": 2500, "rerouted_delay_hours": 1}},
        now=NOW,
    )
    assert "50% of 400.00 EUR (400.00 EUR) = 200.00 EUR" in decision.explain()
