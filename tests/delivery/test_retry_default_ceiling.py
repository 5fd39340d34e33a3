"""A backoff longer than the ceiling it gets when ``max_backoff`` is not written.

``delivery: {backoff: 30000}`` passed ``complaintkit validate`` (the check compared the two
only when both were written), and every Desk built from the policy then refused to start:
the retry schedule's ceiling, 21600 s when not given, was shorter than its backoff. The
policy is refused when it loads, at ``backoff``, saying what ceiling it met.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.delivery.retry import RetryPolicy
from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
notifications:
  notifiers: {log: {type: log}}
  delivery: %s
"""
)


def _loaded(tmp_path: Path, delivery: str) -> object:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY % delivery, encoding="utf-8")
    return load_policy(path)


def test_a_backoff_past_the_default_ceiling_is_refused_at_backoff(tmp_path: Path) -> None:
    with pytest.raises(PolicyError) as caught:
        _loaded(tmp_path, "{backoff: 30000}")
    (problem,) = caught.value.problems
    assert problem.location.path == "notifications.delivery.backoff"
    assert "21600" in problem.message


@pytest.mark.parametrize(
    "delivery",
    ["{backoff: 21600}", "{backoff: 30000, max_backoff: 30000}", "{max_backoff: 30}", "{}"],
)
def test_a_schedule_that_loads_builds_its_retry_policy(tmp_path: Path, delivery: str) -> None:
    policy = _loaded(tmp_path, delivery)
    RetryPolicy.from_json(policy.notifications.delivery)  # type: ignore[attr-defined]
