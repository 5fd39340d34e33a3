"""A comparison's number typed with the input method in full-width mode: ``>=: 500``
in U+FF10 to U+FF19.

The hint said only "'>=' takes a number", leaving the author to find that such digits are no
number to a policy; a compensation amount written so was already told ``write … 500``.
The operator's hint now writes the argument in ASCII digits.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("condition", "hint"),
    [
        ('">=": "\uff15\uff10\uff10"', "write '>=': 500"),
        ('"<": "\uff11\uff12.\uff15"', "write '<': 12.5"),
        ("between: [\uff11\uff10\uff10, \uff15\uff10\uff10]", "write 'between': [100, 500]"),
        ("between: [100, \uff15\uff10\uff10]", "write 'between': [100, 500]"),
    ],
)
def test_full_width_digits_are_told_the_ascii_number(
    tmp_path: Path, condition: str, hint: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n    - id: big\n"
        f"      when: {{field: order.amount, {condition}}}\n"
        "      then: {category: product, severity: major, priority: high}\n",
        "utf-8",
    )
    problems = [p for p in check_policy(path) if p.severity == "error"]
    assert [p.location.path for p in problems] == [
        f"classification.rules[1].when.{condition.split(':', maxsplit=1)[0].strip(chr(34))}"
    ]
    assert problems[0].hint.startswith(hint)
