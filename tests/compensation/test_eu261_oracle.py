"""EU 261/2004 art. 7 worked out by hand and compared with what the pack decides, loaded
by complaintkit's own loader (``extends`` resolved), alone and under an airline's policy
with a goodwill cap, on facts at every edge: distances at 1500 and 3500 km, intra-EU or
not, arrival delays at the 2 / 3 / 4 hour halving edges and Sturgeon's 3 hours, the notice
bands of art. 5(1)(c), and numbers written as text (a form sends ``"1500.5"``).

The oracle reads the regulation: art. 7(1) a) 250 EUR up to 1500 km; b) 400 EUR intra-
Community over 1500 km, or other flights between 1500 and 3500 km; c) 600 EUR otherwise.
Art. 7(2) halves it when a re-routed arrival is at most 2 / 3 / 4 hours late (and, by
Sturgeon para. 63, a band c delay of 3 to 4 hours).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from compensation_helpers import NOW, STATUTORY, make_case
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.compensation.policy import CompensationPolicy
from complaintkit.policy.compiled import load_policy


def _section(path: Path) -> CompensationPolicy:
    section = load_policy(path).compensation
    assert section is not None
    return section


PACK = _section(STATUTORY / "eu-261-2004-art7.yaml")
AIRLINE = _section(STATUTORY / "extended" / "eu-261-airline.yaml")

DISTANCES = ["1", "340", "1499.99", "1500", "1500.01", "1500.5", "3499.99", "3500", "3500.01"]
DISTANCES += ["6200", "9350", "20040"]
MINUTES = [0, 59, 60, 119, 120, 121, 179, 180, 181, 210, 239, 240, 241, 300]
NOTICE = [None, 0, "6.99", 7, "13.99", 14, 15]
EARLY = [None, 0, 60, 61, 120, 121]


def owed(flight: dict[str, object]) -> Decimal:
    """What art. 5, 7 and Sturgeon owe, from the regulation's words."""
    kind = flight["disruption"]
    distance = Decimal(str(flight["distance_km"]))
    delay = flight.get("arrival_delay_minutes")
    late = None if delay is None else Decimal(str(delay))
    rerouted = flight.get("rerouted") is True
    if kind != "denied_boarding" and flight.get("extraordinary") is True:
        return Decimal(0)
    if kind == "delay" and (late is None or late < 180):
        raise AssertionError("the strategy gives a delay of 3 hours or more")
    if kind == "cancellation" and flight.get("notice_days") is not None:
        notice = Decimal(str(flight["notice_days"]))
        early = flight.get("reroute_departed_early_minutes")
        close = rerouted and early is not None and late is not None
        if notice >= 14:
            return Decimal(0)
        if notice >= 7 and close and Decimal(str(early)) <= 120 and late < 240:  # type: ignore[operator]
            return Decimal(0)
        if notice < 7 and close and Decimal(str(early)) <= 60 and late < 120:  # type: ignore[operator]
            return Decimal(0)
    if distance <= 1500:
        amount, within = Decimal(250), 120
    elif flight.get("intra_eu") is True or distance <= 3500:
        amount, within = Decimal(400), 180
    else:
        amount, within = Decimal(600), 240
    halved = (
        late is not None and late <= within and (rerouted or (within == 240 and kind == "delay"))
    )
    return amount / 2 if halved else amount


def _text_or_number(values: list[object]) -> st.SearchStrategy[object]:
    """Each value as written, or as the text a form sends it."""
    plain = st.sampled_from(values)
    return plain | plain.filter(lambda v: v is not None).map(str)


@st.composite
def flights(draw: st.DrawFn) -> dict[str, object]:
    kind = draw(st.sampled_from(["cancellation", "delay", "denied_boarding"]))
    flight: dict[str, object] = {
        "disruption": kind,
        "distance_km": draw(_text_or_number(list(DISTANCES))),
        "intra_eu": draw(st.sampled_from([True, False, "true", "false"])),
    }
    if kind == "delay":
        flight["arrival_delay_minutes"] = draw(st.sampled_from([m for m in MINUTES if m >= 180]))
    else:
        flight["rerouted"] = draw(st.booleans())
        minutes = draw(st.sampled_from([None, *MINUTES]))
        if minutes is not None:
            flight["arrival_delay_minutes"] = draw(_text_or_number([minutes]))
    if kind == "cancellation":
        for name, values in (("notice_days", NOTICE), ("reroute_departed_early_minutes", EARLY)):
            value = draw(st.sampled_from(values))
            if value is not None:
                flight[name] = value
    flight["extraordinary"] = draw(st.booleans())
    return flight


def _oracle_flight(flight: dict[str, object]) -> dict[str, object]:
    """The flight as the regulation reads it: a flag written "true" is true."""
    return {k: {"true": True, "false": False}.get(str(v), v) for k, v in flight.items()}


@settings(max_examples=400, deadline=None)
@given(flight=flights())
def test_the_pack_and_an_airline_over_it_pay_what_the_regulation_owes(
    flight: dict[str, object],
) -> None:
    expected = owed(_oracle_flight(flight))
    for policy in (PACK, AIRLINE):
        decision = policy.decide(make_case("19.99", "EUR"), {"flight": flight}, now=NOW)
        paid = sum(
            (
                r.amount.amount
                for r in decision.remedies
                if r.kind == "statutory_damages" and r.amount
            ),
            Decimal(0),
        )
        assert paid == expected, (policy.table.rows, decision.rows)
        assert decision.total.currency == "EUR"
