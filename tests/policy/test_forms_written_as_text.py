"""An extension written as a bare duration (``extend: [15 business days]``) was refused with
"give the keys of one form only: to, or by": text meets every form a schema tells apart by
keys alone, so it read as both at once. It is now "expected a mapping with the keys …" naming
what was written, and the hint writes the mapping out."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize("item", ["15 business days", "15", "[holding_reply, 35 days]"])
def test_an_extension_that_is_no_mapping_says_so(tmp_path: Path, item: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nsla:\n  targets:\n"
        f"    - resolution: {{within: 5 days, extend: [{item}]}}\n",
        "utf-8",
    )
    (problem,) = check_policy(path)
    assert problem.location.path == "sla.targets[0].resolution.extend[0]"
    assert (problem.location.line, problem.location.column) == (5, 45)
    assert problem.message.startswith("expected a mapping")
    assert "one form only" not in problem.message
    assert "upon: " in problem.hint
    assert "to: " in problem.hint


def test_both_forms_at_once_are_still_named_so(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nsla:\n  targets:\n"
        "    - resolution: {within: 5 days, extend: [{upon: x, by: 3 days, to: 9 days}]}\n",
        "utf-8",
    )
    (problem,) = check_policy(path)
    assert "one form only" in problem.message
