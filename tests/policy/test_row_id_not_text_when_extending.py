"""A row whose ``id`` is a list or mapping, in a policy that extends another, is reported.

Found by the slip fuzzing of ``test_policy_text_mutations``: merging the rows of a child
onto its parent's by id raised ``TypeError: unhashable type`` when a child row's id was
written as a mapping (``id: {a: 1}``) or a list, a traceback instead of a located error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize("written", ["{a: 1}", "[spoiled]"])
def test_a_row_id_that_is_no_text_is_located_when_rows_merge(tmp_path: Path, written: str) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    child = tmp_path / "child.yaml"
    child.write_text(
        "complaintkit: 1\nextends: ./base.yaml\nclassification:\n  rules:\n"
        f"    - id: {written}\n      when: {{keywords: [x]}}\n      then: {{category: product}}\n",
        "utf-8",
    )
    problems = [p for p in check_policy(child) if p.severity == "error"]
    assert problems
    assert any(
        Path(p.location.file).name == "child.yaml"
        and p.location.path.startswith("classification.rules[")
        and p.location.line == 5
        for p in problems
    ), problems
