"""An invisible mark between a plain value's edge and a blank (``[燃气, <U+200C> trapped in
the lift]``), as a word processor's text pasted into a flow list brings it.

YAML strips the blanks round a plain value but not past the mark, so the keyword loaded as
``"<U+200C> trapped in the lift"``: a value of several words, which may hold a joiner, was
taken as written, and the keyword then never matched (found by
``test_typed_slips_fuzz.py``). A mark there joins nothing: it is an error at the mark, and
the policy is read on without it and its blank.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
BASE_TEXT = BASE.read_text("utf-8")
MARKS = ["\u200b", "\u200c", "\u200d", "\u2060"]


@pytest.mark.parametrize("mark", MARKS)
@pytest.mark.parametrize(
    "new",
    [
        "{keywords: [变质, | trapped in the lift]}",
        "{keywords: [变质, trapped in the lift |]}",
        "{keywords: [|  trapped in the lift, 变质]}",
    ],
)
def test_a_mark_before_a_blank_at_a_values_edge_is_an_error_at_it(
    tmp_path: Path, mark: str, new: str
) -> None:
    old = "{keywords: [变质, spoiled]}"
    assert BASE_TEXT.count(old) == 1
    text = BASE_TEXT.replace(old, new.replace("|", mark))
    policy = tmp_path / "p.yaml"
    policy.write_text(text, "utf-8")
    at = text.index(mark)
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    problems = [p for p in check_policy(policy) if p.severity == "error"]
    assert [(p.code, p.location.line, p.location.column) for p in problems] == [
        ("invisible-character", line, column)
    ]
    assert problems[0].location.path.startswith("classification.rules[0].when.keywords[")
    assert f"U+{ord(mark):04X}" in problems[0].message
    assert "'trapped in the lift'" in problems[0].message
