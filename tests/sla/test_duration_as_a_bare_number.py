"""A duration written as a bare number where text goes (``within: 5``, an extension's
``by: 3``, a trigger's ``after: 2``) was refused with "expected text (got 5)" and the hint
"see docs/policies.md or the schema": the unit it lacks was not said. The hint now says a
duration is written with its unit, with examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("written", "at"),
    [
        ("sla:\n  targets:\n    - resolution: {within: 5}\n", "within"),
        (
            "sla:\n  targets:\n    - resolution: {within: 5 days, "
            "extend: [{upon: holding_reply, to: 35}]}\n",
            "extend[0].to",
        ),
        (
            "sla:\n  targets:\n    - resolution: {within: 5 days, "
            "extend: [{upon: holding_reply, by: 3}]}\n",
            "extend[0].by",
        ),
        (
            "sla:\n  targets:\n    - resolution: 5 days\nescalation:\n  ladders:\n"
            "    - name: late\n      levels:\n        - {name: a, trigger: {since: opened, "
            "after: 2}, actions: [{add_tags: [late]}]}\n",
            "trigger.after",
        ),
    ],
)
def test_a_bare_number_for_a_duration_asks_for_its_unit(
    tmp_path: Path, written: str, at: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\n{written}", "utf-8")
    (problem,) = check_policy(path)
    assert problem.location.path.endswith(at)
    assert problem.location.line is not None
    assert "unit" in problem.hint
    assert "3 business days" in problem.hint
