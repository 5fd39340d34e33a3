"""An escalation level's trigger written as its time alone (``trigger: 2h``, ``[2h]``) or
with keys of no form (``trigger: {after: 2h}``) was refused with the hint "see
docs/policies.md or the schema": nothing said what a trigger is written as. The hint now
writes its three forms out."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize("trigger", ["2h", "[2h]", "{after: 2h}", "{sla: resolution}"])
def test_a_trigger_of_no_form_says_what_to_write(tmp_path: Path, trigger: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nsla:\n  targets:\n    - resolution: 5 days\n"
        "escalation:\n  ladders:\n    - name: late\n      levels:\n"
        f"        - {{name: a, trigger: {trigger}, actions: [{{add_tags: [late]}}]}}\n",
        "utf-8",
    )
    problems = [p for p in check_policy(path) if p.severity == "error"]
    assert problems
    for problem in problems:
        assert problem.location.path.startswith("escalation.ladders[0].levels[0].trigger")
        assert problem.location.line == 10
        assert "sla: resolution, elapsed: 0.8" in problem.hint
        assert "since: opened, after: 2h" in problem.hint
