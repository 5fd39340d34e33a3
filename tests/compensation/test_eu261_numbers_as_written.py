"""EU 261 numbers the airline's records give beside the distance — the notice of a
cancellation, how early a re-routing left, how late it arrived — written so that they are
no number (``"two weeks"``, ``"1h"``, ``"2h"``) used to count as absent: a cancellation
notified ``"two weeks"`` ahead paid 250 EUR instead of nothing, a re-routing ``"2h"`` late
was not halved. Now each is refused naming the fact, as a distance of ``"1,500 km"`` is;
a number written as text (``"14"``) is that number."""

from __future__ import annotations

from decimal import Decimal

import pytest
from compensation_helpers import NOW, make_case, statutory

from complaintkit.errors import InvalidInput

EU261 = statutory("eu-261-2004-art7.yaml")
CANCELLED = {"disruption": "cancellation", "distance_km": 900, "rerouted": True}


def _decide(flight: dict[str, object]) -> Decimal:
    return EU261.decide(make_case("300.00", "EUR"), {"flight": flight}, now=NOW).total.amount


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("notice_days", "two weeks"),
        ("notice_days", "14天"),
        ("notice_days", True),
        ("reroute_departed_early_minutes", "1h"),
        ("arrival_delay_minutes", "2h"),
        ("arrival_delay_minutes", "1:30"),
    ],
)
def test_a_number_that_is_no_number_is_refused_naming_it(name: str, written: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        _decide({**CANCELLED, name: written})
    assert refused.value.field == f"facts.flight.{name}"


@pytest.mark.parametrize(
    ("facts", "owed"),
    [
        ({"notice_days": "14"}, "0"),
        ({"notice_days": " 3 ", "reroute_departed_early_minutes": "60"}, "250.00"),
        (
            {
                "notice_days": 3,
                "reroute_departed_early_minutes": "0",
                "arrival_delay_minutes": "90",
            },
            "0",
        ),
        (
            {
                "notice_days": 3,
                "reroute_departed_early_minutes": "61",
                "arrival_delay_minutes": "90",
            },
            "125.00",
        ),
    ],
)
def test_numbers_written_as_text_are_those_numbers(facts: dict[str, object], owed: str) -> None:
    assert _decide({**CANCELLED, **facts}) == Decimal(owed)
