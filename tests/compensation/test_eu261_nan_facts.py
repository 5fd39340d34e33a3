"""EU 261 facts that are NaN — JSON's ``NaN``, which ``json.loads`` reads as a float, or a
float ``nan`` or a ``Decimal`` NaN from Python — are no number: the pack refuses them naming the fact, as it
refuses ``"1,500 km"``, instead of a comparison with them raising
``decimal.InvalidOperation``."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from compensation_helpers import NOW, make_case, statutory

from complaintkit.errors import InvalidInput

EU261 = statutory("eu-261-2004-art7.yaml")
NANS = [float("nan"), json.loads("NaN"), float("-nan"), Decimal("NaN"), Decimal("sNaN")]


@pytest.mark.parametrize("nan", NANS)
def test_a_nan_distance_is_refused_naming_it(nan: object) -> None:
    flight = {"disruption": "denied_boarding", "distance_km": nan}
    with pytest.raises(InvalidInput) as refused:
        EU261.decide(make_case("300.00", "EUR"), {"flight": flight}, now=NOW)
    assert refused.value.field == "facts.flight.distance_km"


@pytest.mark.parametrize("nan", NANS)
def test_a_nan_delay_is_refused_naming_it(nan: object) -> None:
    flight = {"disruption": "delay", "distance_km": 1000, "arrival_delay_minutes": nan}
    with pytest.raises(InvalidInput) as refused:
        EU261.decide(make_case("300.00", "EUR"), {"flight": flight}, now=NOW)
    assert refused.value.field == "facts.flight.arrival_delay_minutes"


@pytest.mark.parametrize("nan", NANS)
def test_a_nan_rerouted_delay_is_refused_naming_it(nan: object) -> None:
    # whether the re-routed arrival is within 2 hours, and so halved, cannot be told
    flight = {"distance_km": 1000, "rerouted": True, "arrival_delay_minutes": nan}
    with pytest.raises(InvalidInput) as refused:
        EU261.decide(make_case("300.00", "EUR"), {"flight": flight}, now=NOW)
    assert refused.value.field == "facts.flight.arrival_delay_minutes"
