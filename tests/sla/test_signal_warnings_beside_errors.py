"""A signal a letter off an event or status (``since: respnded``) is a warning that
``validate`` names in the same run as an error elsewhere in the SLA sections, not only
once that error is fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).resolve().parents[2] / "docs" / "policy" / "base.yaml"
LADDER = (
    "escalation:\n  ladders:\n    - name: s\n      levels:\n        - name: a\n"
    "          trigger: {since: respnded, after: 2h}\n          actions: [{add_tags: [x]}]\n"
)


@pytest.mark.parametrize(
    "sla",
    [
        "sla:\n  metrics:\n    fix: {start: opened, stop: resolved}\n"
        "  targets:\n    - first_response: 2h\n",
        "sla:\n  targets:\n    - first_response: 2 hourz\n",
        "sla:\n  targets:\n    - first_response: 2h\n      calendar: offise\n",
    ],
)
def test_the_warning_is_named_beside_an_error_of_the_sla_section(tmp_path: Path, sla: str) -> None:
    policy = tmp_path / "shop.yaml"
    policy.write_text(f"complaintkit: 1\nextends: {BASE}\n{sla}{LADDER}", "utf-8")
    problems = check_policy(policy)
    assert any(p.severity == "error" for p in problems)
    warned = [p for p in problems if p.severity == "warning"]
    assert [p.location.path for p in warned] == ["escalation.ladders[0].levels[0].trigger.since"]
