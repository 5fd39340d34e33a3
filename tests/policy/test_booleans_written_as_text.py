# ruff: noqa: RUF001, RUF002 -- the tests write the full-width letters an author types
"""A value that takes true or false written as text: typed in full-width letters
(``exists: ｔｒｕｅ``), in quotes (``exists: "false"``) or as a Chinese SOP says it
(``exists: 是``). It was told "expected true or false (got 'ｔｒｕｅ')" with the hint 'see
docs/policies.md or the schema', which says nothing of the slip; the hint now writes the
value meant."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("ｔｒｕｅ", "write exists: true"),
        ("Ｆａｌｓｅ", "write exists: false"),
        ('"false"', "write exists: false"),
        ("是", "write exists: true"),
        ("否", "write exists: false"),
    ],
)
def test_true_or_false_written_as_text_is_told_the_value(
    tmp_path: Path, written: str, hint: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n    - id: order\n"
        f"      when: {{field: complaint.order_id, exists: {written}}}\n"
        "      then: {category: product, severity: major, priority: high}\n",
        "utf-8",
    )
    (problem,) = [p for p in check_policy(path) if p.severity == "error"]
    assert (problem.location.path, problem.location.line) == (
        "classification.rules[1].when.exists",
        6,
    )
    assert problem.hint.startswith(hint), problem.hint
