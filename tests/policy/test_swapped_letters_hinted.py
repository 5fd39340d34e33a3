"""A name with two neighbouring letters swapped is offered the name meant.

Found checking policy authoring: difflib's ratio counts a swap as two edits, so ``sal:``
for ``sla:`` or ``{nay: [...]}`` for ``any`` (0.67) fell below the cutoff and were told
only the list of what is allowed; ``complaintkit.policy.typos`` counts it as one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy
from complaintkit.policy.typos import close_matches, osa_distance

BASE = Path(__file__).parent / "mistakes" / "base.yaml"


@pytest.mark.parametrize(
    ("a", "b", "edits"),
    [
        ("sla", "sla", 0),
        ("sal", "sla", 1),
        ("prodcut", "product", 1),
        ("hit_plociy", "hit_policy", 2),
        ("ab", "ba", 1),
        ("ca", "abc", 3),  # each letter edited once at most: not 2 as Damerau-Levenshtein
        ("kitten", "sitting", 3),
        ("", "any", 3),
    ],
)
def test_a_swap_of_neighbours_is_one_edit(a: str, b: str, edits: int) -> None:
    assert osa_distance(a, b) == edits
    assert osa_distance(b, a) == edits


def test_a_name_one_edit_away_leads_the_matches() -> None:
    assert close_matches("nay", ["all", "any", "not"], n=1) == ["any"]
    assert close_matches("tema", ["team", "teams"], n=1, cutoff=0.8) == ["team"]
    assert close_matches("xyz", ["any", "all"], n=1) == []


@pytest.mark.parametrize(
    ("old", "new", "path", "meant"),
    [
        ("name: base", "name: base\nsal: {}", "sal", "sla"),
        ("when: {keywords: [broken]}", "when: {nay: [{keywords: [broken]}]}",
         "classification.rules[0].when.nay", "any"),
        ("then: {category: product,", "then: {category: prodcut,",
         "classification.rules[0].then.category", "product"),
        ("  rules:\n    - id: product", "  hit_plociy: first\n  rules:\n    - id: product",
         "classification.hit_plociy", "hit_policy"),
    ],
)  # fmt: skip
def test_a_swapped_name_in_a_policy_is_offered_the_one_meant(
    tmp_path: Path, old: str, new: str, path: str, meant: str
) -> None:
    text = BASE.read_text("utf-8")
    assert old in text
    file = tmp_path / "p.yaml"
    file.write_text(text.replace(old, new, 1), "utf-8")
    (found,) = [p for p in check_policy(file) if p.location.path == path]
    assert f"did you mean {meant!r}?" in found.hint


def test_two_edits_are_offered_for_a_long_name_only() -> None:
    assert close_matches("hit_plociy", ["hit_policy", "rules"], n=1, cutoff=0.95) == ["hit_policy"]
    assert close_matches("tmea", ["team"], n=1, cutoff=0.95) == []
