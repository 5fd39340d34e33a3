"""A metric declared with ``start: []`` (the signals left for later, or a builtin metric's
start emptied) has a clock that never starts: its targets give no deadline, its escalation
levels never fire, and ``validate`` said nothing. It is now an error at the empty list
naming the metric, with the start to write."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("metric", "body"),
    [("acceptance", "{start: [], stop: [accepted]}"), ("resolution", "{start: []}")],
)
def test_a_metric_that_never_starts_is_an_error(tmp_path: Path, metric: str, body: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nsla:\n  metrics:\n    {metric}: {body}\n"
        f"  targets:\n    - {metric}: 7 days\n",
        "utf-8",
    )
    (problem,) = check_policy(path)
    assert problem.severity == "error"
    assert problem.location.path == f"sla.metrics.{metric}.start"
    assert problem.location.line == 5
    assert metric in problem.message
    assert "start: [opened]" in problem.hint


def test_a_metric_with_a_start_says_nothing(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nsla:\n  metrics:\n"
        "    acceptance: {start: [opened], stop: [accepted]}\n"
        "  targets:\n    - acceptance: 7 days\n",
        "utf-8",
    )
    assert check_policy(path) == []
