"""A compensation row or an escalation level written as a classification row is
(``then: {remedies: …}``, ``then: [{add_tags: …}]``) is told the key it takes: the hint
offered ``when``, one letter off ``then``, which the row already has or does not need."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _unknown(tmp_path: Path, section: str) -> Problem:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    policy = tmp_path / "policy.yaml"
    policy.write_text(f"complaintkit: 1\nextends: ./base.yaml\n{section}", "utf-8")
    (problem,) = [p for p in check_policy(policy) if "unknown key" in p.message]
    return problem


@pytest.mark.parametrize(
    ("section", "meant"),
    [
        (
            "compensation:\n  rules:\n    - id: late\n"
            "      when: {field: case.category, ==: product}\n"
            "      then: [apology]\n",
            "remedies",
        ),
        (
            "compensation:\n  rules:\n    - id: late\n      结果: [apology]\n",
            "remedies",
        ),
        (
            "escalation:\n  ladders:\n    - name: l\n      levels:\n"
            "        - name: a\n          trigger: {sla: resolution, elapsed: 0.5}\n"
            "          then: [{add_tags: [late]}]\n",
            "actions",
        ),
    ],
)
def test_then_is_told_the_key_the_row_takes(tmp_path: Path, section: str, meant: str) -> None:
    problem = _unknown(tmp_path, section)
    assert (problem.hint or "").startswith(f"did you mean {meant!r}?")
