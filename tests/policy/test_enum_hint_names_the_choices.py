"""A value outside a fixed set (``reopen: again``, ``hit_policy: any``, a number where a
word goes) had the hint "see docs/policies.md or the schema" whenever no allowed value
was a letter or two off it. The hint now names the values to write, the nearest first
when one is near, so the author need not leave the message to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
_METRIC = "sla:\n  metrics:\n    acceptance: {start: [opened], stop: [accepted], reopen: %s}\n"
_REOPEN = ("resume", "restart", "new_cycle", "keep")


def _only(tmp_path: Path, body: str) -> tuple[str, str, str]:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\n{body}", "utf-8")
    (problem,) = check_policy(path)
    return problem.location.path, problem.message, problem.hint


@pytest.mark.parametrize("written", ["again", "5", "'重新计时'"])
def test_a_value_near_none_is_hinted_with_every_allowed_one(tmp_path: Path, written: str) -> None:
    path, _, hint = _only(tmp_path, _METRIC % written)
    assert path == "sla.metrics.acceptance.reopen"
    assert "docs/policies.md" not in hint
    assert all(f"'{value}'" in hint for value in _REOPEN)


def test_a_value_near_one_is_hinted_with_it(tmp_path: Path) -> None:
    _, _, hint = _only(tmp_path, _METRIC % "restrat")
    assert hint.startswith("did you mean 'restart'")


def test_a_table_hit_policy_names_the_policies(tmp_path: Path) -> None:
    body = "classification:\n  hit_policy: any\n"
    path, _, hint = _only(tmp_path, body)
    assert path == "classification.hit_policy"
    assert all(f"'{p}'" in hint for p in ("first", "unique", "priority", "collect"))
