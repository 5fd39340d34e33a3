# ruff: noqa: RUF002 -- the docstring shows what an author types
"""A list of too few items because a Chinese input method's comma joined two of them:
``between: [１００，５００]`` or ``[100、500]`` is one item to YAML. It was told 'expected a
list of exactly 2 items (got 1 item: …)' with 'see docs/policies.md' for a hint; the hint
now writes the list meant, its numbers in ASCII digits where between takes numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("items", "meant"),
    [
        ("[\uff11\uff10\uff10\uff0c\uff15\uff10\uff10]", "write it as a list: [100, 500]"),
        ("[100\u3001500]", "write it as a list: [100, 500]"),
        ("[100\uff0c 500]", "write it as a list: [100, 500]"),
    ],
)
def test_items_joined_by_a_chinese_comma_are_told_the_list(
    tmp_path: Path, items: str, meant: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n    - id: mid\n"
        f"      when: {{field: complaint.amount, between: {items}}}\n"
        "      then: {severity: major}\n",
        "utf-8",
    )
    (problem,) = [p for p in check_policy(path) if p.severity == "error"]
    assert problem.location.path == "classification.rules[1].when.between"
    assert problem.hint.startswith(meant), problem.hint
