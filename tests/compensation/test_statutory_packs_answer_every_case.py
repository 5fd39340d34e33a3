"""Every shipped statutory pack answers every case: a case none of its rows is about earns
its default, saying so, as the 消保法 art. 55 pack's ``no-fraud`` row does for a case with
no fraud found. The 食品安全法 art. 148 pack had none: food found safe, or no finding
recorded yet, fell through every row and decided nothing at all (no row, no remedy, not
even the apology the art. 55 pack gives), so an agent could not tell "the law owes nothing
here" from "the pack was never asked"."""

from __future__ import annotations

from pathlib import Path

import pytest
from compensation_helpers import NOW, STATUTORY, make_case, statutory
from hypothesis import given
from hypothesis import strategies as st

PACKS = sorted(p.name for p in Path(STATUTORY).glob("*.yaml") if not p.name.endswith(".tests.yaml"))
#: the findings each pack's rows read, each true, false or not recorded
FINDINGS = [
    "fraud",
    "known_defect_serious_harm",
    "unsafe_food",
    "label_flaw_only",
    "sold_without_knowing",
]


@pytest.mark.parametrize("pack", PACKS)
def test_a_case_with_no_finding_is_answered(pack: str) -> None:
    """Answered by a row or the default, or by naming the fact still needed (EU 261's
    distance: ``partial`` decides what it can and names it)."""
    decision = statutory(pack).decide(make_case(), {}, now=NOW, partial=True)
    assert decision.rows or decision.used_default
    assert decision.remedies


@given(
    findings=st.fixed_dictionaries({}, optional={name: st.booleans() for name in FINDINGS}),
    pack=st.sampled_from([p for p in PACKS if p.startswith("cn-")]),
)
def test_every_finding_is_answered(findings: dict[str, bool], pack: str) -> None:
    decision = statutory(pack).decide(make_case(), findings, now=NOW, partial=True)
    assert decision.rows or decision.used_default
    assert decision.remedies


@pytest.mark.parametrize("findings", [{"unsafe_food": False}, {}])
def test_food_not_found_unsafe_earns_the_apology_and_says_why(findings: dict[str, bool]) -> None:
    decision = statutory("cn-food-safety-art148.yaml").decide(make_case(), findings, now=NOW)
    assert decision.used_default
    assert decision.rows == ()
    (apology,) = decision.remedies
    assert apology.kind == "apology"
    assert apology.amount is None
    assert "148" in apology.label["en"]
    assert decision.total.amount == 0
