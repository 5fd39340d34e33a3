"""An escalation level counting from a status a case never leaves: ``{since: rejected,
after: 7 days}``. Escalation acts on open cases only, and a rejected or withdrawn case never
moves again, so the level can never fire; it loaded without a word and did nothing. It is
now a warning at the ``since`` saying so and how to act on such cases.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _warnings(tmp_path: Path, since: str) -> list[Problem]:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\n"
        "sla:\n  targets:\n    - {first_response: 24h, resolution: 72h}\n"
        "escalation:\n  ladders:\n    - name: 复核\n      levels:\n"
        f"        - name: review\n          trigger: {{since: {since}, after: 7 days}}\n"
        "          actions: [{add_tags: [review]}]\n",
        "utf-8",
    )
    problems = check_policy(path)
    assert not [p for p in problems if p.severity == "error"], problems
    return [p for p in problems if p.code == "since-never-fires"]


@pytest.mark.parametrize("status", ["rejected", "withdrawn"])
def test_a_level_since_a_status_no_case_leaves_is_a_warning(tmp_path: Path, status: str) -> None:
    (warning,) = _warnings(tmp_path, status)
    assert warning.severity == "warning"
    assert warning.location.path == "escalation.ladders[0].levels[0].trigger.since"
    assert warning.location.line == 11
    assert status in warning.message
    assert "never" in warning.message
    assert f"to: {status}" in warning.hint


@pytest.mark.parametrize("since", ["closed", "resolved", "responded", "waiting_on_customer"])
def test_a_level_since_what_a_case_moves_on_from_is_not(tmp_path: Path, since: str) -> None:
    """A closed case can be reopened, and then counts from its closing."""
    assert _warnings(tmp_path, since) == []
