"""A metric declared with ``stop: []`` (a custom metric whose stop was left for later, or
a builtin metric's stop emptied) has a clock nothing stops but closing the case: it is
never met, and every target on it ends breached or cut off, yet ``validate`` said nothing.
Such a clock may be meant (time open, watched to closure), so it is a warning at the
empty list naming the metric, with the stop to write."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy, load_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("metric", "body"),
    [("acceptance", "{start: [opened], stop: []}"), ("resolution", "{stop: []}")],
)
def test_a_metric_that_never_stops_is_a_warning(tmp_path: Path, metric: str, body: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nsla:\n  metrics:\n    {metric}: {body}\n"
        f"  targets:\n    - {metric}: 7 days\n",
        "utf-8",
    )
    (problem,) = check_policy(path)
    assert problem.severity == "warning"
    assert problem.location.path == f"sla.metrics.{metric}.stop"
    assert problem.location.line == 5
    assert metric in problem.message
    assert "stop: [" in problem.hint
    assert load_policy(path).sla is not None  # a warning: the policy still loads


def test_a_metric_with_a_stop_says_nothing(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nsla:\n  metrics:\n"
        "    acceptance: {start: [opened], stop: [accepted]}\n"
        "  targets:\n    - acceptance: 7 days\n",
        "utf-8",
    )
    assert check_policy(path) == []
