"""A comparison's number written with its currency sign or unit is told the number to write.

Found writing an SOP as a policy: ``{field: complaint.amount, ">": 100元}`` was refused
with "expects a number (got '100元')" and the hint "'>' takes a number", which does not say
what is wrong with 100元; compensation amounts so written were already told the number.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _hint(tmp_path: Path, operator: str, written: str) -> str:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n    - id: big\n"
        f'      when: {{field: complaint.amount, "{operator}": {written}}}\n'
        "      then: {category: service}\n",
        "utf-8",
    )
    (found,) = [p for p in check_policy(path) if p.code == "bad-argument"]
    return found.hint


@pytest.mark.parametrize(
    ("written", "number"),
    [("100元", "100"), ("¥100", "100"), ("￥ 99.5", "99.5"), ("１００元", "100"), ("50%", "50")],
)
def test_a_number_with_its_sign_or_unit_is_told_the_number(
    tmp_path: Path, written: str, number: str
) -> None:
    assert _hint(tmp_path, ">=", written).startswith(f"write '>=': {number}, the number alone")


def test_text_that_is_no_number_keeps_the_plain_hint(tmp_path: Path) -> None:
    assert _hint(tmp_path, "<", "很多") == "'<' takes a number"
