"""A policy test expecting an escalation level no ladder of its policy has
(``escalations: [store_manger]``, or any level against a policy without ladders) could
never pass and showed as an ordinary FAIL; it is an error of the tests file at its line,
with the level most likely meant."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError, Problem
from complaintkit.policytest.runner import Runner

POLICIES = Path(__file__).resolve().parents[2] / "policies"
SUPERMARKET = POLICIES / "retail" / "supermarket.yaml"
DOCS_BASE = Path(__file__).resolve().parents[2] / "docs" / "policy" / "base.yaml"


def _problems(tmp_path: Path, policy: Path, escalations: str) -> list[Problem]:
    path = tmp_path / "shop.tests.yaml"
    path.write_text(
        f"policy: {policy}\n"
        "complaint: {channel: web, customer: {id: C-1}}\n"
        "tests:\n"
        "  - name: milk\n"
        "    complaint: {text: 牛奶变质了}\n"
        f"    steps: [{{at: 25h, tick: true, expect: {{escalations: {escalations}}}}}]\n",
        "utf-8",
    )
    with pytest.raises(PolicyError) as caught:
        Runner().load_file(path)
    return list(caught.value.problems)


def test_a_misspelt_level_names_the_level_meant(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, SUPERMARKET, "[store_manger]")
    assert problem.location.path == "tests[0].steps[0].expect.escalations[0]"
    assert problem.hint.startswith("did you mean 'store_manager'?")


def test_a_level_against_a_policy_without_ladders_is_refused(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, DOCS_BASE, "[store_manager]")
    assert "no ladder of the policy has" in problem.message
    assert "no escalation ladder" in problem.hint


def test_the_policys_levels_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "shop.tests.yaml"
    path.write_text(
        f"policy: {SUPERMARKET}\ncomplaint: {{channel: web, customer: {{id: C-1}}}}\n"
        "tests:\n  - name: milk\n    complaint: {text: 牛奶变质了}\n"
        "    expect: {escalations: [store_manager]}\n",
        "utf-8",
    )
    assert Runner().load_file(path).tests
