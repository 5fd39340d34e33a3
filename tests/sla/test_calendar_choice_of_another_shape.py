"""A target's calendar of another shape than a calendar's name or ``{field, map,
default}``: ``calendar: {x: 1}`` was also told "unknown calendar 'None'" at each metric,
a calendar nobody wrote. It is told once, at the calendar, what a calendar must be."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

POLICY = """\
complaintkit: 1
name: shop
version: "1"
categories: {service: {label: 服务}}
severities: {minor: {label: 一般}}
priorities: {normal: {label: 普通}}
teams: {desk: {label: 客服组, default_owner: xiaowang}}
classification: {rules: [], default: {category: service, severity: minor, priority: normal}}
routing: {rules: [], default: {team: desk}}
calendars:
  office: {timezone: Asia/Shanghai, hours: {mon-fri: ["09:00-18:00"]}}
sla:
  calendar: office
  targets:
    - {first_response: 24h, resolution: 5 business days, calendar: CALENDAR}
"""


def problems(tmp_path: Path, calendar: str) -> list[Problem]:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY.replace("CALENDAR", calendar), encoding="utf-8")
    return [p for p in check_policy(path) if p.severity == "error"]


@pytest.mark.parametrize(
    "calendar",
    [
        "{x: 1}",
        "{}",
        "{field: case.channel, map: {web: office}}",
        "{field: case.channel, map: {web: 3}, default: office}",
        "{field: case.channel, map: [office], default: office}",
        "{field: case.channel, map: {web: office}, default: [office]}",
        "5",
        "[office]",
    ],
)
def test_a_calendar_of_another_shape_is_told_at_the_calendar_only(
    tmp_path: Path, calendar: str
) -> None:
    found = problems(tmp_path, calendar)
    assert found
    assert all(p.location.path.startswith("sla.targets[0].calendar") for p in found), found
    assert not [p for p in found if "None" in p.message]


@pytest.mark.parametrize("calendar", ["5", "[office]", "true"])
def test_a_calendar_neither_name_nor_choice_is_told_what_a_calendar_is(
    tmp_path: Path, calendar: str
) -> None:
    (problem,) = problems(tmp_path, calendar)
    assert problem.location.path == "sla.targets[0].calendar"
    assert "calendar name" in problem.hint
    assert "{field, map, default}" in problem.hint


def test_a_calendar_choice_naming_calendars_defined_is_accepted(tmp_path: Path) -> None:
    assert not problems(tmp_path, "{field: case.channel, map: {web: office}, default: office}")
