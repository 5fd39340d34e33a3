"""A calendar named with a slip (``offise`` for ``office``) wherever a calendar is named (the
SLA default, a target row, a composed calendar, an escalation trigger) is answered with the
calendar meant, as a misspelt team or metric is."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).resolve().parents[2] / "docs" / "policy" / "base.yaml"
CALENDARS = (
    "calendars:\n  office: {timezone: Asia/Shanghai, hours: {mon-fri: ['09:00-18:00']}}\n"
    "  night: {timezone: Asia/Shanghai, hours: {daily: ['22:00-06:00']}}\n"
)
TARGETS = "sla:\n  targets:\n    - first_response: 2h\n"


@pytest.mark.parametrize(
    ("written", "path"),
    [
        ("sla:\n  calendar: offise\n  targets:\n    - first_response: 2h\n", "sla.calendar"),
        (
            "sla:\n  targets:\n    - first_response: 2 business hours\n      calendar: offise\n",
            "sla.targets[0].first_response",
        ),
        (
            "  both: {union: [offise, night]}\n" + TARGETS,
            "calendars.both.union",
        ),
        (
            TARGETS + "escalation:\n  ladders:\n    - name: s\n      levels:\n"
            "        - name: a\n"
            "          trigger: {since: responded, after: 2h, calendar: offise}\n"
            "          actions: [{add_tags: [x]}]\n",
            "escalation.ladders[0].levels[0].trigger.calendar",
        ),
    ],
)
def test_a_misspelt_calendar_names_the_one_meant(tmp_path: Path, written: str, path: str) -> None:
    policy = tmp_path / "shop.yaml"
    policy.write_text(f"complaintkit: 1\nextends: {BASE}\n{CALENDARS}{written}", "utf-8")
    (problem,) = [p for p in check_policy(policy) if p.severity == "error"]
    assert problem.location.path == path
    assert "'offise'" in problem.message
    assert "did you mean 'office'?" in problem.hint
