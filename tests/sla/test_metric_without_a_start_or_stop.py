"""A metric declared with ``start: []`` has a clock that never starts: its targets give no
deadline and its escalation levels never fire, so it is an error at the empty list naming
the metric, with the start to write. A metric declared with ``stop: []`` has a clock nothing
stops but closing the case: it is never met, yet it may be meant (time open, watched to
closure), so it is a warning at the empty list naming the metric, with the stop to write,
and the policy still loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import check_policy, load_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _policy(tmp_path: Path, metric: str, body: str) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nsla:\n  metrics:\n    {metric}: {body}\n"
        f"  targets:\n    - {metric}: 7 days\n",
        "utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("metric", "body", "end", "severity", "hint"),
    [
        ("acceptance", "{start: [], stop: [accepted]}", "start", "error", "start: [opened]"),
        ("resolution", "{start: []}", "start", "error", "start: [opened]"),
        ("acceptance", "{start: [opened], stop: []}", "stop", "warning", "stop: ["),
        ("resolution", "{stop: []}", "stop", "warning", "stop: ["),
    ],
)
def test_a_metric_with_an_empty_end_is_told_at_that_end(
    tmp_path: Path, metric: str, body: str, end: str, severity: str, hint: str
) -> None:
    path = _policy(tmp_path, metric, body)
    (problem,) = check_policy(path)
    assert problem.severity == severity
    assert problem.location.path == f"sla.metrics.{metric}.{end}"
    assert problem.location.line == 5
    assert metric in problem.message
    assert hint in problem.hint
    if severity == "warning":
        assert load_policy(path).sla is not None
    else:
        with pytest.raises(PolicyError):
            load_policy(path)


def test_a_metric_with_a_start_and_a_stop_says_nothing(tmp_path: Path) -> None:
    path = _policy(tmp_path, "acceptance", "{start: [opened], stop: [accepted]}")
    assert check_policy(path) == []
