"""``between: 100-500`` (or with a full-width tilde): a range as a Chinese SOP table writes
it, where a list goes.

The hint wrote the text back in brackets, ``write it as a list: [100-500]``: a list of one
text, refused again. It now writes the two numbers, ``[100, 500]``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    "written",
    [
        "100\uff5e500",
        "100~500",
        "100-500",
        "100 - 500",
        "100至500",
        "100到500",
        "\uff11\uff10\uff10\uff5e\uff15\uff10\uff10",
    ],
)
def test_a_range_written_for_between_is_told_its_two_numbers(tmp_path: Path, written: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n    - id: big\n"
        f"      when: {{field: order.amount, between: {written}}}\n"
        "      then: {category: product, severity: major, priority: high}\n",
        "utf-8",
    )
    (found,) = [p for p in check_policy(path) if p.severity == "error"]
    assert found.location.path == "classification.rules[1].when.between"
    assert found.hint == "write it as a list: [100, 500]"
