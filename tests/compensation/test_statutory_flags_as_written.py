"""A flag the statutory packs decide on — 欺诈 (fraud), 明知缺陷致严重损害, 不符合食品安全标准,
a harmless label flaw, an intra-Community flight — is true or false as found. Written as
``"true"`` or ``"FALSE"`` (a form or CSV) it is that flag; written any other way (``"是"``,
``"yes"``, ``1``, ``"1"``) the pack cannot tell, and used to decide as if it were absent: fraud
``"是"`` on a 300-yuan item 0 yuan instead of 300 + 900, a label flaw ``"yes"`` on unsafe
food 1,020 yuan of damages instead of the refund alone, an intra-EU ``"yes"`` flight of
9,350 km 600 EUR instead of 400, a cancellation with extraordinary circumstances
``"yes"`` 250 EUR instead of nothing. Now text is refused naming the fact, and a number decides
the pack's ``…-not-readable`` row, 0, whose label says what to record."""

from __future__ import annotations

from decimal import Decimal

import pytest
from compensation_helpers import NOW, make_case, statutory

from complaintkit.compensation.policy import CompensationPolicy
from complaintkit.errors import InvalidInput
from complaintkit.model.money import Money

ART55 = statutory("cn-consumer-protection-art55.yaml")
ART148 = statutory("cn-food-safety-art148.yaml")
EU261 = statutory("eu-261-2004-art7.yaml")
TEXT = ["是", "yes", "Y", "真", "true-ish"]
NUMBERS = [1, 0, Decimal("1"), "1"]  # "1": text spelling a number

#: (pack, the flag, the facts beside it, the complaint's amount, the row it decides)
FLAGS: list[tuple[CompensationPolicy, str, dict[str, object], str, str]] = [
    (ART55, "fraud", {}, "CNY", "fraud-not-readable"),
    (
        ART55,
        "known_defect_serious_harm",
        {"fraud": True, "loss": Money("100.00", "CNY")},
        "CNY",
        "known-defect-serious-harm-not-readable",
    ),
    (ART148, "unsafe_food", {}, "CNY", "unsafe-food-not-readable"),
    (ART148, "label_flaw_only", {"unsafe_food": True}, "CNY", "label-flaw-only-not-readable"),
]


def _decide(policy: CompensationPolicy, facts: dict[str, object], currency: str) -> object:
    return policy.decide(make_case("300.00", currency), facts, now=NOW)


@pytest.mark.parametrize("written", TEXT)
@pytest.mark.parametrize(("policy", "flag", "beside", "currency", "row"), FLAGS)
def test_a_cn_flag_written_as_other_text_is_refused_naming_it(
    policy: CompensationPolicy,
    flag: str,
    beside: dict[str, object],
    currency: str,
    row: str,
    written: str,
) -> None:
    with pytest.raises(InvalidInput) as refused:
        _decide(policy, {**beside, flag: written}, currency)
    assert refused.value.field == f"facts.{flag}"


@pytest.mark.parametrize("written", NUMBERS)
@pytest.mark.parametrize(("policy", "flag", "beside", "currency", "row"), FLAGS)
def test_a_cn_flag_written_as_a_number_decides_nothing_but_says_so(
    policy: CompensationPolicy,
    flag: str,
    beside: dict[str, object],
    currency: str,
    row: str,
    written: object,
) -> None:
    decision = policy.decide(make_case("300.00", currency), {**beside, flag: written}, now=NOW)
    assert decision.rows == (row,)
    assert decision.total == Money("0", currency)


@pytest.mark.parametrize(
    ("policy", "facts", "total"),
    [
        (ART55, {"fraud": "true"}, "1200.00"),
        (ART55, {"fraud": " FALSE "}, "0"),
        (ART148, {"unsafe_food": "True"}, "3300.00"),
        (ART148, {"unsafe_food": "true", "label_flaw_only": "true"}, "300.00"),
        (ART148, {"unsafe_food": "true", "label_flaw_only": "false"}, "3300.00"),
    ],
)
def test_true_and_false_written_as_text_are_those_flags(
    policy: CompensationPolicy, facts: dict[str, object], total: str
) -> None:
    assert policy.decide(make_case("300.00"), facts, now=NOW).total == Money(total, "CNY")


def _flight(intra_eu: object) -> dict[str, object]:
    flight = {"disruption": "denied_boarding", "distance_km": 9350, "intra_eu": intra_eu}
    return {"flight": flight}


@pytest.mark.parametrize("written", TEXT)
def test_an_intra_eu_flag_written_as_other_text_is_refused_naming_it(written: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        EU261.decide(make_case("300.00", "EUR"), _flight(written), now=NOW)
    assert refused.value.field == "facts.flight.intra_eu"


@pytest.mark.parametrize("written", NUMBERS)
def test_an_intra_eu_flag_written_as_a_number_pays_no_band(written: object) -> None:
    decision = EU261.decide(make_case("300.00", "EUR"), _flight(written), now=NOW)
    assert (decision.total.amount, decision.rows) == (Decimal("0"), ("intra-eu-not-readable",))


@pytest.mark.parametrize(
    ("intra_eu", "owed"), [("true", "400.00"), ("False", "600.00"), (None, "600.00")]
)
def test_an_intra_eu_flag_as_text_or_absent_decides_its_band(intra_eu: object, owed: str) -> None:
    flight = _flight(intra_eu)
    if intra_eu is None:
        del flight["flight"]["intra_eu"]  # type: ignore[attr-defined]
    decision = EU261.decide(make_case("300.00", "EUR"), flight, now=NOW)
    assert decision.total.amount == Decimal(owed)


#: an EU 261 flag the airline's records give, and a flight where it changes what is owed
EU_FLAGS = [
    ("extraordinary", {"disruption": "cancellation"}, "extraordinary-not-readable"),
    ("refused_for_cause", {"disruption": "denied_boarding"}, "refused-for-cause-not-readable"),
    ("rerouted", {"arrival_delay_minutes": 60}, "rerouted-not-readable"),
]


@pytest.mark.parametrize("written", TEXT)
@pytest.mark.parametrize(("flag", "beside", "row"), EU_FLAGS)
def test_an_eu_flag_written_as_other_text_is_refused_naming_it(
    flag: str, beside: dict[str, object], row: str, written: str
) -> None:
    flight = {"distance_km": 900, **beside, flag: written}
    with pytest.raises(InvalidInput) as refused:
        EU261.decide(make_case("300.00", "EUR"), {"flight": flight}, now=NOW)
    assert refused.value.field == f"facts.flight.{flag}"


@pytest.mark.parametrize("written", NUMBERS)
@pytest.mark.parametrize(("flag", "beside", "row"), EU_FLAGS)
def test_an_eu_flag_written_as_a_number_decides_nothing_but_says_so(
    flag: str, beside: dict[str, object], row: str, written: object
) -> None:
    flight = {"distance_km": 900, **beside, flag: written}
    decision = EU261.decide(make_case("300.00", "EUR"), {"flight": flight}, now=NOW)
    assert (decision.total.amount, decision.rows) == (Decimal("0"), (row,))


@pytest.mark.parametrize(
    ("flag", "beside", "written", "owed"),
    [
        ("extraordinary", {"disruption": "cancellation"}, "TRUE", "0"),
        ("extraordinary", {"disruption": "cancellation"}, "false", "250.00"),
        ("refused_for_cause", {"disruption": "denied_boarding"}, "true", "0"),
        ("rerouted", {"arrival_delay_minutes": 60}, " true ", "125.00"),
        ("rerouted", {"arrival_delay_minutes": 60}, "False", "250.00"),
    ],
)
def test_an_eu_flag_written_as_true_or_false_text_is_that_flag(
    flag: str, beside: dict[str, object], written: str, owed: str
) -> None:
    flight = {"distance_km": 900, **beside, flag: written}
    decision = EU261.decide(make_case("300.00", "EUR"), {"flight": flight}, now=NOW)
    assert decision.total.amount == Decimal(owed)
