"""A list written as one mapping (``targets: {resolution: 3 business days}``, ``rules:
{id: x, …}``) was refused 'expected a list' with 'see docs/policies.md or the schema'; the
hint now shows the same entry written as a list item."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def test_a_mapping_where_a_list_goes_is_shown_as_a_list(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nsla:\n  targets: {{resolution: 3 business days}}\n",
        "utf-8",
    )
    (problem,) = check_policy(path)
    assert problem.location.path == "sla.targets"
    assert problem.hint == "write it as a list: [{resolution: 3 business days}]"
