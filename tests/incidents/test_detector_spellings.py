"""The detector keys spellings of one value alike, and names incidents stably."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.incidents import IncidentDetector, WindowRule, incident_id, replay
from complaintkit.incidents.key import fold_key

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
H = timedelta(hours=1)
RULE = WindowRule("product", 3, 24)
WIDE = "\uff2d\uff29\uff2c\uff2b\uff0d\uff11"  # MILK-1 typed in full-width mode


def test_fold_key_brings_spellings_together() -> None:
    spellings = [WIDE, "milk-1", " MILK-1 ", "MILK\u200b-1", "Milk-1\t"]
    assert {fold_key(s) for s in spellings} == {"milk-1"}
    assert fold_key("MILK\u3000\u30001") == "milk 1"
    assert fold_key("Straße") == fold_key("STRASSE")
    assert fold_key("MILK-2") != fold_key("MILK-1")


def test_one_spelling_keeps_the_id_it_always_had() -> None:
    found = replay(RULE, [("SKU", T0 + h * H, f"c{h}") for h in range(3)])
    assert [(i.id, i.value) for i in found] == [(incident_id(RULE, "SKU", T0), "SKU")]


def test_the_most_frequent_spelling_is_shown_and_the_first_names_the_id() -> None:
    spellings = [WIDE, "MILK-1", "milk-1", "MILK-1"]
    found = replay(RULE, [(s, T0 + h * H, f"c{h}") for h, s in enumerate(spellings)])
    assert [(i.id, i.value, i.count) for i in found] == [(incident_id(RULE, WIDE, T0), "MILK-1", 4)]


@given(st.permutations([WIDE, "MILK-1", "milk-1"]))
def test_cases_on_one_instant_name_the_incident_alike_in_any_order(order: list[str]) -> None:
    found = replay(RULE, [(s, T0, f"c{n}") for n, s in enumerate(order)])
    assert [(i.id, i.value) for i in found] == [(incident_id(RULE, "MILK-1", T0), order[0])]


def test_the_live_detector_raises_what_the_report_lists() -> None:
    arrivals = [(s, T0 + h * H, f"c{h}") for h, s in enumerate(["milk-1", WIDE, " MILK-1"])]
    live = IncidentDetector(RULE, record=False)
    raised = [i for s, at, c in arrivals if (i := live.observe(s, at, c)) is not None]
    assert [(i.id, i.value) for i in raised] == [(i.id, i.value) for i in replay(RULE, arrivals)]
