"""The statutory packs at their edges, each case computed by hand from the statute's text.

消费者权益保护法 第五十五条: 三倍 of the price, 不足五百元的为五百元. 食品安全法 第一百四十八条:
十倍 of the price or 三倍 of the loss, 不足一千元的为一千元. EU 261/2004 art. 7: 250 / 400 /
600 EUR by distance (1500 km, 3500 km), halved for a re-routed arrival within 2 / 3 / 4 h.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from compensation_helpers import NOW, make_case, statutory

from complaintkit.compensation.policy import compile_section
from complaintkit.model.money import Money

ART55 = statutory("cn-consumer-protection-art55.yaml")
ART148 = statutory("cn-food-safety-art148.yaml")
EU261 = statutory("eu-261-2004-art7.yaml")


@pytest.mark.parametrize(
    ("price", "damages"),
    [
        ("0.00", "500.00"),  # nothing paid: still the 500 minimum
        ("0.01", "500.00"),
        ("166.66", "500.00"),  # 499.98 is below 500
        ("166.666", "500.00"),  # 166.66 paid at most: 499.98, the minimum
        ("166.67", "500.01"),  # 500.01 passes it
        ("166.68", "500.04"),
        ("166.675", "500.01"),  # 166.67 paid at most (the refund): 500.01
        ("99999999999999.99", "299999999999999.97"),  # no upper limit in the statute
    ],
)
def test_art55_fraud_pays_three_times_the_price_and_at_least_500(price: str, damages: str) -> None:
    decision = ART55.decide(make_case(None), {"fraud": True, "price": Money(price, "CNY")}, now=NOW)
    refund, treble, _ = decision.remedies
    assert treble.amount == Money(damages, "CNY")
    assert refund.amount == Money(price, "CNY").truncated()


@pytest.mark.parametrize(
    ("price", "loss", "damages"),
    [
        ("99.99", None, "1000.00"),  # 999.90: the 1000 minimum
        ("100.00", None, "1000.00"),  # exactly the minimum
        ("100.01", None, "1000.10"),
        ("0.00", None, "1000.00"),
        ("0.01", "333.33", "1000.00"),  # 3 x 333.33 = 999.99: the minimum
        ("0.01", "333.34", "1000.02"),  # the loss measure passes it
        ("100.01", "333.34", "1000.10"),  # ten times the price, the greater
        ("10.00", "1000000.00", "3000000.00"),
    ],
)
def test_art148_pays_the_greater_measure_and_at_least_1000(
    price: str, loss: str | None, damages: str
) -> None:
    facts: dict[str, object] = {"unsafe_food": True, "price": Money(price, "CNY")}
    if loss is not None:
        facts["loss"] = Money(loss, "CNY")
    decision = ART148.decide(make_case(price), facts, now=NOW)
    _, proven, punitive = decision.remedies
    assert punitive.amount == Money(damages, "CNY")
    assert proven.amount == Money(loss or "0.00", "CNY")
    assert decision.total == Money(price, "CNY") + Money(loss or "0", "CNY") + punitive.amount


def test_art148_harmless_label_flaw_owes_no_damages_however_cheap() -> None:
    facts = {"unsafe_food": True, "label_flaw_only": True}
    decision = ART148.decide(make_case("99.99"), facts, now=NOW)
    assert decision.total == Money("99.99", "CNY")  # no 1,000-yuan floor, no loss proven


def eu261(**flight: object) -> Decimal:
    return EU261.decide(make_case("99.00", "EUR"), {"flight": flight}, now=NOW).total.amount


@pytest.mark.parametrize(
    ("distance", "intra_eu", "owed"),
    [
        (1500, False, "250.00"),
        ("1500.01", False, "400.00"),
        ("1500.01", True, "400.00"),
        (3500, False, "400.00"),
        ("3500.01", False, "600.00"),
        ("3500.01", True, "400.00"),  # intra-Community: 7(1)(b) however far
        (9000, True, "400.00"),
    ],
)
def test_eu261_art7_1_bands_by_distance(distance: object, intra_eu: bool, owed: str) -> None:
    assert eu261(disruption="denied_boarding", distance_km=distance, intra_eu=intra_eu) == Decimal(
        owed
    )


@pytest.mark.parametrize(
    ("distance", "minutes", "owed"),
    [
        (1000, 120, "125.00"),  # exactly 2 h: halved
        (1000, 121, "250.00"),
        (2000, 180, "200.00"),  # exactly 3 h: halved
        (2000, 181, "400.00"),
        (5000, 240, "300.00"),  # exactly 4 h: halved
        (5000, 241, "600.00"),
    ],
)
def test_eu261_art7_2_halves_a_rerouted_arrival_within_2_3_4_hours(
    distance: int, minutes: int, owed: str
) -> None:
    flight = {"disruption": "cancellation", "notice_days": 1, "rerouted": True}
    flight |= {"reroute_departed_early_minutes": 0, "distance_km": distance}
    assert eu261(**flight, arrival_delay_minutes=minutes) == Decimal(owed)


@pytest.mark.parametrize(("minutes", "owed"), [(179, "0"), (180, "300.00"), (241, "600.00")])
def test_eu261_long_haul_delay_from_3_hours_halved_up_to_4(minutes: int, owed: str) -> None:
    flight = {"disruption": "delay", "distance_km": 6000, "arrival_delay_minutes": minutes}
    assert eu261(**flight) == Decimal(owed)


@pytest.mark.parametrize(
    ("currency", "price", "damages"),
    [
        ("JPY", "166", "500"),  # 498: the minimum
        ("JPY", "167", "501"),
        ("KWD", "166.666", "500.000"),  # 499.998: the minimum
        ("KWD", "166.667", "500.001"),
        ("KWD", "0.0001", "500.000"),  # sub-unit price
    ],
)
def test_three_times_with_a_minimum_in_currencies_of_0_and_3_places(
    currency: str, price: str, damages: str
) -> None:
    section = {
        "currency": currency,
        "rules": [
            {
                "id": "fraud",
                "remedies": [
                    {
                        "kind": "statutory_damages",
                        "amount": {"multiple": 3, "of": "price", "floor": 500},
                    }
                ],
            }
        ],
    }
    decision = compile_section(section).decide(
        make_case(None), {"price": Money(price, currency)}, now=NOW
    )
    (remedy,) = decision.remedies
    assert remedy.amount == Money(damages, currency)
    assert remedy.amount is not None
    assert remedy.amount.amount.as_tuple().exponent == -Money.zero(currency).minor_units
