"""An id typed in full-width mode (product, in full-width letters, under categories) or
with a space (``food safety:``) was told to put itself in a label, as a Chinese name is
(``e.g. product: {label: {zh: …}}``); it is now told the id it spells."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("written", "meant"),
    [("\uff50\uff52\uff4f\uff44\uff55\uff43\uff54", "product"), ("food safety", "food_safety")],
)
def test_an_id_typed_otherwise_is_told_the_id_it_spells(
    tmp_path: Path, written: str, meant: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\ncategories:\n  {written}: {{label: X}}\n", "utf-8"
    )
    (problem,) = check_policy(path)
    assert problem.location.path == f"categories.{written}"
    assert problem.hint.startswith(f"write {meant}: ")
