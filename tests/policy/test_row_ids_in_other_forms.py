# ruff: noqa: RUF002 -- the docstring shows an id typed in full-width letters
"""Two rows whose ids are one id written in two forms: ``café`` composed (U+00E9) and
decomposed (e, then U+0301), which look alike letter for letter, or ``late`` and ``ｌａｔｅ``
typed in the input method's full-width mode.

Each pair loaded as two ids, so a policy test or an explanation naming the id found one
row or the other by how it was typed. The later row is now a duplicate id, naming the first
and the form it was written in.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("caf\u00e9", "cafe\u0301"),
        ("late", "\uff4c\uff41\uff54\uff45"),
        ("\uff4c\uff41\uff54\uff45", "late"),
    ],
)
def test_a_row_id_written_in_another_form_is_a_duplicate(
    tmp_path: Path, first: str, second: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n"
        f"    - id: {first}\n      when: {{keywords: [迟到]}}\n      then: {{severity: major}}\n"
        f"    - id: {second}\n      when: {{keywords: [晚到]}}\n      then: {{severity: major}}\n",
        "utf-8",
    )
    (problem,) = [p for p in check_policy(path) if p.severity == "error"]
    assert problem.code == "duplicate-id"
    assert problem.location.path == "classification.rules[2].id"
    assert problem.location.line == 8
    assert "classification.rules[1]" in problem.message


def test_row_ids_that_differ_are_each_their_own(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n"
        "    - id: late\n      when: {keywords: [迟到]}\n      then: {severity: major}\n"
        "    - id: later\n      when: {keywords: [晚到]}\n      then: {severity: major}\n",
        "utf-8",
    )
    assert [p for p in check_policy(path) if p.severity == "error"] == []
