"""A warning point written as zero, a negative fraction or text that is no offset
(``warnings: [0]``, ``[-0.1]``, ``[八成]``) was refused with the hint "see docs/policies.md
or the schema": nothing said what to write. The hint now gives both forms a warning
point takes, a fraction of the target and a time before the deadline."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize("point", ["0", "-0.1", "八成", "half an hour"])
@pytest.mark.parametrize("where", ["sla", "metric", "target"])
def test_a_warning_point_refused_says_what_to_write(tmp_path: Path, point: str, where: str) -> None:
    warnings = f"warnings: [{point}]"
    sla = {
        "sla": f"  {warnings}\n  targets:\n    - resolution: 5 days\n",
        "metric": f"  metrics:\n    resolution: {{{warnings}}}\n  targets:\n    - resolution: 5 days\n",
        "target": f"  targets:\n    - resolution: {{within: 5 days, {warnings}}}\n",
    }[where]
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\nsla:\n{sla}", "utf-8")
    (problem,) = check_policy(path)
    assert problem.location.path.endswith("warnings[0]")
    assert problem.location.line is not None
    assert "0.8" in problem.hint
    if point != "八成":  # read as eight tenths, which the hint writes
        assert "30 minutes before" in problem.hint
