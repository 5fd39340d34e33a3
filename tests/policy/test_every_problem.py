"""validate reports every problem in one run: a schema error in a section does not hide the
other problems of that section."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("section", "paths"),
    [
        (
            "compensation: {currency: CNY, rules: [{id: a, remedies: "
            "[{kind: cash, amount: -5}, {kind: voucher, amount: true}]}]}",
            {
                "compensation.rules[0].remedies[0].amount",
                "compensation.rules[0].remedies[1].amount",
            },
        ),
        (
            "classification:\n  rules:\n    - {id: a, when: {any: []}, then: {category: product}}\n"
            "    - {id: b, when: {not: []}, then: {category: product}}",
            {"classification.rules[1].when.any", "classification.rules[2].when.not"},
        ),
        (
            "classification:\n  rules:\n"
            "    - {id: x, when: {keywords: [a]}, then: {category: product}}\n"
            "    - {id: x, when: {keywords: [b]}, then: {categroy: product}}",
            {"classification.rules[2].id", "classification.rules[2].then.categroy"},
        ),
    ],
)
def test_a_schema_error_does_not_hide_other_problems_of_its_section(
    tmp_path: Path, section: str, paths: set[str]
) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: ./base.yaml\n{section}\n", "utf-8")
    problems = check_policy(path)
    assert paths <= {p.location.path for p in problems if p.severity == "error"}
    assert all(p.location.line for p in problems)
