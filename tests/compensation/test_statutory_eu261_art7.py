"""EU 261/2004: 250 / 400 / 600 EUR by distance, halved after a timely re-routing; nothing for
a cancellation notified in time (art. 5(1)(c)), a delay under 3 hours, or extraordinary
circumstances (art. 5(3)). The pack's own policy tests cover the rest."""

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
    assert owed(policy, distance_km=900, rerouted=True, arrival_delay_minutes=120)[0] == Decimal(
        "125.00"
    )


def test_band_a_rerouted_arriving_2_5_hours_late_is_not_halved(policy: CompensationPolicy) -> None:
    assert owed(policy, distance_km=900, rerouted=True, arrival_delay_minutes=150)[0] == Decimal(
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
    assert owed(policy, distance_km=2500, intra_eu=False, rerouted=True, arrival_delay_minutes=180)[
        0
    ] == Decimal("200.00")


def test_frankfurt_to_new_york_6200_km_is_band_c_so_600(policy: CompensationPolicy) -> None:
    assert owed(policy, distance_km=6200, intra_eu=False)[0] == Decimal("600.00")


def test_band_c_rerouted_within_4_hours_is_halved_to_300(policy: CompensationPolicy) -> None:
    assert owed(policy, distance_km=6200, intra_eu=False, rerouted=True, arrival_delay_minutes=240)[
        0
    ] == Decimal("300.00")


def test_band_c_rerouted_arriving_5_hours_late_gets_the_full_600(
    policy: CompensationPolicy,
) -> None:
    assert owed(policy, distance_km=6200, intra_eu=False, rerouted=True, arrival_delay_minutes=300)[
        0
    ] == Decimal("600.00")


def test_extraordinary_circumstances_owe_no_compensation_under_article_5_3(
    policy: CompensationPolicy,
) -> None:
    amount, rows = owed(
        policy, disruption="cancellation", distance_km=6200, intra_eu=False, extraordinary=True
    )
    assert (amount, rows) == (Decimal("0.00"), ("extraordinary-circumstances",))


def test_compensation_does_not_depend_on_the_ticket_price(policy: CompensationPolicy) -> None:
    cheap = policy.decide(make_case("19.99", "EUR"), {"flight": {"distance_km": 700}}, now=NOW)
    assert cheap.total.amount == Decimal("250.00")


def test_explanation_shows_the_halving(policy: CompensationPolicy) -> None:
    decision = policy.decide(
        make_case("300.00", "EUR"),
        {"flight": {"distance_km": 2500, "rerouted": True, "arrival_delay_minutes": 60}},
        now=NOW,
    )
    assert "50% of 400.00 EUR (400.00 EUR) = 200.00 EUR" in decision.explain()


def test_a_cancellation_notified_15_days_ahead_owes_nothing_under_article_5_1_c_i(
    policy: CompensationPolicy,
) -> None:
    amount, rows = owed(policy, disruption="cancellation", distance_km=900, notice_days=15)
    assert (amount, rows) == (Decimal("0.00"), ("cancellation-notified-two-weeks-ahead",))


def test_an_arrival_delay_of_2_h_59_min_owes_nothing_under_the_3_hour_rule(
    policy: CompensationPolicy,
) -> None:
    amount, rows = owed(policy, disruption="delay", distance_km=2500, arrival_delay_minutes=179)
    assert (amount, rows) == (Decimal("0.00"), ("delay-under-3-hours",))


def test_extraordinary_circumstances_do_not_excuse_denied_boarding(
    policy: CompensationPolicy,
) -> None:
    amount, _ = owed(policy, disruption="denied_boarding", distance_km=900, extraordinary=True)
    assert amount == Decimal("250.00")
