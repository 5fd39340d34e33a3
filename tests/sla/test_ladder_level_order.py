"""A ladder whose levels are listed out of the order they fall due.

A case's escalation level is the position of the highest level fired, so with
``manager`` (100% of resolution) listed above ``early`` (50%), a case was at escalation
level 2 half-way through its budget while level 1 had not fired, and stayed at 2 when
``manager`` fired later: reports, ``case.escalation_level`` conditions and letters
read a ladder the SOP never wrote. It loaded without a word; each level that falls due
before one listed above it is now a warning at its trigger, naming that level.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
LADDER = "escalation.ladders[0]"


def _policy(triggers: list[str]) -> str:
    levels = "".join(
        f"        - name: l{i + 1}\n          trigger: {trigger}\n"
        f"          actions: [{{add_tags: [t{i + 1}]}}]\n"
        for i, trigger in enumerate(triggers)
    )
    return (
        f"complaintkit: 1\nextends: {BASE}\n"
        "sla:\n  targets:\n    - {first_response: 24h, resolution: 5 days}\n"
        f"escalation:\n  ladders:\n    - name: standard\n      levels:\n{levels}"
    )


def _order_warnings(tmp_path: Path, triggers: list[str]) -> list[Problem]:
    path = tmp_path / "p.yaml"
    path.write_text(_policy(triggers), "utf-8")
    problems = check_policy(path)
    assert not [p for p in problems if p.severity == "error"], problems
    return [p for p in problems if p.code == "level-order"]


def test_a_level_falling_due_before_one_listed_above_it_is_a_warning(tmp_path: Path) -> None:
    (warning,) = _order_warnings(
        tmp_path,
        ["{sla: resolution, elapsed: 1.0}", "{sla: resolution, elapsed: 0.5}"],
    )
    assert warning.severity == "warning"
    assert warning.location.path == f"{LADDER}.levels[1].trigger.elapsed"
    assert warning.location.line == 14
    assert "'l2'" in warning.message
    assert "'l1'" in warning.message
    assert f"{LADDER}.levels[0]" in warning.message
    assert "escalation level 2" in warning.message
    assert "move 'l2' above 'l1'" in warning.hint


def test_a_since_level_due_sooner_after_the_same_signal_is_a_warning(tmp_path: Path) -> None:
    (warning,) = _order_warnings(
        tmp_path,
        ["{since: responded, after: 2 days}", "{since: responded, after: 1 day}"],
    )
    assert warning.location.path == f"{LADDER}.levels[1].trigger.after"
    assert "'l1'" in warning.message


def test_levels_in_order_or_not_comparable_pass(tmp_path: Path) -> None:
    for triggers in (
        ["{sla: resolution, elapsed: 0.5}", "{sla: resolution, elapsed: 1.0}"],
        ["{sla: resolution, elapsed: 0.5}", "{sla: resolution, elapsed: 0.5}"],
        ["{sla: resolution, elapsed: 1.0}", "{sla: first_response, elapsed: 0.5}"],
        ["{since: responded, after: 2 days}", "{since: opened, after: 4h}"],
        ["{since: responded, after: 1 day}", "{since: responded, after: 23h}"],
        ["{sla: resolution, elapsed: 1.0}", "{since: opened, after: 1h}"],
    ):
        assert _order_warnings(tmp_path, triggers) == [], triggers


@settings(max_examples=25)
@given(st.lists(st.sampled_from([0.25, 0.5, 0.8, 1.0, 1.5]), min_size=1, max_size=5))
def test_a_warning_for_each_level_an_earlier_one_falls_due_after(
    tmp_path_factory: pytest.TempPathFactory, fractions: list[float]
) -> None:
    folder = tmp_path_factory.mktemp("order")
    triggers = [f"{{sla: resolution, elapsed: {f}}}" for f in fractions]
    warned = {p.location.path for p in _order_warnings(folder, triggers)}
    overtaking = {
        f"{LADDER}.levels[{j}].trigger.elapsed"
        for j, fraction in enumerate(fractions)
        if any(earlier > fraction for earlier in fractions[:j])
    }
    assert warned == overtaking
