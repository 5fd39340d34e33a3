"""An extension upon the signal that ends its own clock (``upon: resolved`` on the
resolution metric, ``upon: responded`` on first_response, a case closed or rejected) or
restarts it (``upon: responded`` on next_update) is granted and undone at the same instant:
the clock stops, or starts over with a fresh period, the moment it is extended, so it
changes no deadline. ``validate`` said nothing. It is now a warning at the extension naming
the metric and what the signal does to it; an extension upon a signal of its own says
nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
CODE = "extension-upon-its-end"


def _warnings(tmp_path: Path, metrics: str, target: str) -> list[Problem]:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\n"
        f"sla:\n  metrics: {metrics}\n  targets:\n"
        f"    - {target}\n",
        "utf-8",
    )
    problems = check_policy(path)
    assert not [p for p in problems if p.severity == "error"], problems
    return [p for p in problems if p.code == CODE]


@pytest.mark.parametrize(
    ("metrics", "target", "said"),
    [
        ("{}", "resolution: {within: 15 days, extend: [{upon: resolved, by: 15 days}]}", "stops"),
        ("{}", "resolution: {within: 15 days, extend: [{upon: closed, to: 35 days}]}", "stops"),
        ("{}", "resolution: {within: 15 days, extend: [{upon: rejected, to: 35 days}]}", "stops"),
        ("{}", "first_response: {within: 1 day, extend: [{upon: responded, by: 1 day}]}", "stops"),
        ("{}", "next_update: {within: 5 days, extend: [{upon: responded, by: 5 days}]}", "starts"),
        (
            "{acceptance: {start: [opened], stop: [accepted]}}",
            "acceptance: {within: 7 days, extend: [{upon: accepted, by: 7 days}]}",
            "stops",
        ),
    ],
)
def test_an_extension_upon_its_clocks_end_is_a_warning(
    tmp_path: Path, metrics: str, target: str, said: str
) -> None:
    (warning,) = _warnings(tmp_path, metrics, target)
    metric = target.split(":", maxsplit=1)[0]
    upon = target.split("upon: ")[1].split(",", maxsplit=1)[0]
    assert warning.severity == "warning"
    assert warning.location.path == f"sla.targets[0].{metric}.extend[0]"
    assert warning.location.line == 6
    assert metric in warning.message
    assert upon in warning.message
    assert said in warning.message
    assert warning.hint


@pytest.mark.parametrize(
    "target",
    [
        "resolution: {within: 15 days, extend: [{upon: holding_reply, to: 35 days}]}",
        "first_response: {within: 1 day, extend: [{upon: assigned, by: 1 day}]}",
        "next_update: {within: 5 days, extend: [{upon: waiting_on_customer, by: 5 days}]}",
    ],
)
def test_an_extension_upon_another_signal_says_nothing(tmp_path: Path, target: str) -> None:
    assert _warnings(tmp_path, "{}", target) == []
