"""A list item the reader could not use is named once, not again at the list holding it.

Found probing hostile authoring: ``between: [1, 2026-13-01]`` was reported at the item
('2026-13-01' is not a usable date) and again at the list, as "expects a number (got
null)": a null the author never wrote. A problem below a value covered that value's own
checks only when it sat under a key, not under a list index.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

SUPERMARKET = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"


@pytest.mark.parametrize("written", ["[1, 2026-13-01]", "[2026-02-30, 9]"])
def test_an_unusable_item_of_a_list_is_the_one_problem(tmp_path: Path, written: str) -> None:
    child = tmp_path / "child.yaml"
    child.write_text(
        f"extends: {SUPERMARKET}\n"
        "classification:\n"
        "  rules:\n"
        "    - id: x\n"
        f"      when: {{field: amount, between: {written}}}\n"
        "      then: {category: product}\n",
        "utf-8",
    )
    [problem] = check_policy(child)
    assert problem.code == "bad-value"
    assert problem.location.path.startswith("classification.rules[0].when.between[")
    assert "null" not in problem.message
