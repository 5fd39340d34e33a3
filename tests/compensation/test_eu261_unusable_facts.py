"""EU 261/2004 art. 7 checked by hand, above all where a fact cannot decide the band.

Every expected figure is worked out here from the regulation's text, not by the library:
art. 7(1) 250 / 400 / 600 EUR by great-circle distance (art. 7(4)), 400 for every
intra-Community flight over 1500 km however far (Paris - Saint-Denis de la Reunion is
about 9,350 km and intra-Community: the outermost regions are in the EU), art. 7(2)
halving after a re-routing arriving within 2 / 3 / 4 hours, and Sturgeon (C-402/07): a delay
of 3 hours or more at the final destination pays as a cancellation.

A distance missing, written with its unit (``"1,500 km"``, as a form sends it), negative,
zero or longer than any great circle could not be placed in a band: the pack used to decide
0 EUR (or 250 / 600) for it without a word; now a missing one is needed, text is refused by
name, and an impossible one decides row ``distance-not-usable``, which says to correct it.
Likewise an arrival delay missing or written ``"3h"``.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from compensation_helpers import NOW, make_case, statutory

from complaintkit.compensation.decision import Decision
from complaintkit.compensation.inputs import MissingInput
from complaintkit.compensation.policy import CompensationPolicy
from complaintkit.errors import InvalidInput


@pytest.fixture(scope="module")
def policy() -> CompensationPolicy:
    return statutory("eu-261-2004-art7.yaml")


def decide(policy: CompensationPolicy, *, partial: bool = False, **flight: object) -> Decision:
    case = make_case("300.00", "EUR")
    return policy.decide(case, {"flight": flight}, now=NOW, partial=partial)


def decide_flight(policy: CompensationPolicy, flight: dict[str, object]) -> Decision:
    return policy.decide(make_case("300.00", "EUR"), {"flight": flight}, now=NOW)


@pytest.mark.parametrize(
    ("flight", "owed", "row"),
    [
        # art. 7(1)(b): intra-Community over 1500 km is 400 however far
        ({"distance_km": 9350, "intra_eu": True}, "400.00", "medium"),
        # art. 7(2)(b) for it: halved within 3 hours, not within c's 4 hours
        (
            {"distance_km": 9350, "intra_eu": True, "rerouted": True, "arrival_delay_minutes": 180},
            "200.00",
            "medium-rerouted-within-3h",
        ),
        (
            {"distance_km": 9350, "intra_eu": True, "rerouted": True, "arrival_delay_minutes": 210},
            "400.00",
            "medium",
        ),
        # a non-EU flight: 1500 is a, a hair over is b; 3500 is b, a hair over is c
        ({"distance_km": "1500.0001", "intra_eu": False}, "400.00", "medium"),
        ({"distance_km": 3500, "intra_eu": False}, "400.00", "medium"),
        ({"distance_km": "3500.0001", "intra_eu": False}, "600.00", "long"),
        ({"distance_km": 20040, "intra_eu": False}, "600.00", "long"),
    ],
)
def test_denied_boarding_pays_the_band_of_art_7_1(
    policy: CompensationPolicy, flight: dict[str, object], owed: str, row: str
) -> None:
    decision = decide_flight(policy, {"disruption": "denied_boarding", **flight})
    assert (decision.total.amount, decision.rows) == (Decimal(owed), (row,))


@pytest.mark.parametrize(
    ("distance", "intra_eu", "minutes", "owed"),
    [
        (900, False, Decimal(179 * 60 + 59) / 60, "0"),  # 2:59:59 late: under 3 hours
        (900, False, 180, "250.00"),  # exactly 3 hours: Sturgeon para. 61
        (9350, True, 210, "400.00"),  # Paris - Reunion is band b: no 7(2)(c) halving
        (6200, False, 180, "300.00"),  # long-haul 3 to 4 hours: halved (Sturgeon para. 63)
        (6200, False, 240, "300.00"),
        (6200, False, Decimal(240 * 60 + 1) / 60, "600.00"),  # 4:00:01
    ],
)
def test_sturgeon_delay_at_the_final_destination(
    policy: CompensationPolicy, distance: int, intra_eu: bool, minutes: object, owed: str
) -> None:
    flight = {"disruption": "delay", "distance_km": distance, "intra_eu": intra_eu}
    decision = decide_flight(policy, {**flight, "arrival_delay_minutes": minutes})
    assert decision.total.amount == Decimal(owed)


def test_a_missing_distance_is_needed_not_decided_as_nothing(policy: CompensationPolicy) -> None:
    with pytest.raises(MissingInput) as missing:
        decide(policy, disruption="cancellation", notice_days=1)
    assert missing.value.name == "flight.distance_km"
    decision = decide(policy, partial=True, disruption="cancellation", notice_days=1)
    assert decision.needs == ("flight.distance_km",)
    assert decision.rows == ("distance-needed",)


@pytest.mark.parametrize("distance", ["1,500 km", "1500\u516c\u91cc", "1500km", True])
def test_a_distance_that_is_no_distance_is_refused_by_name(
    policy: CompensationPolicy, distance: object
) -> None:
    with pytest.raises(InvalidInput) as refused:
        decide(policy, disruption="denied_boarding", distance_km=distance)
    assert refused.value.field == "facts.flight.distance_km"


@pytest.mark.parametrize("distance", [0, "0", -5, 20041, 100_000_000])
def test_a_distance_no_flight_has_owes_no_band(
    policy: CompensationPolicy, distance: object
) -> None:
    decision = decide(policy, disruption="denied_boarding", distance_km=distance, intra_eu=True)
    assert (decision.total.amount, decision.rows) == (Decimal("0"), ("distance-not-usable",))


def test_a_delay_of_unknown_length_is_needed(policy: CompensationPolicy) -> None:
    with pytest.raises(MissingInput) as missing:
        decide(policy, disruption="delay", distance_km=2500)
    assert missing.value.name == "flight.arrival_delay_minutes"
    decision = decide(policy, partial=True, disruption="delay", distance_km=2500)
    assert decision.needs == ("flight.arrival_delay_minutes",)
    assert decision.total.amount == Decimal("0")


def test_a_delay_written_with_its_unit_is_refused_by_name(policy: CompensationPolicy) -> None:
    with pytest.raises(InvalidInput) as refused:
        decide(policy, disruption="delay", distance_km=900, arrival_delay_minutes="3h")
    assert refused.value.field == "facts.flight.arrival_delay_minutes"


def test_a_disruption_art_7_does_not_compensate_owes_nothing_under_it(
    policy: CompensationPolicy,
) -> None:
    # art. 10 (downgrading) reimburses 30 / 50 / 75 % of the ticket, not art. 7's amounts
    decision = decide(policy, disruption="downgrade", distance_km=900)
    assert (decision.total.amount, decision.rows) == (Decimal("0"), ("not-an-art-7-disruption",))
