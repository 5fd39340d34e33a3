"""Escalation ladders a case could never climb, or would climb wrongly, are errors at them.

A case climbs one ladder: the first whose ``when`` holds, recorded on the case by its
name. So a ladder after one without ``when`` is never climbed, and two ladders of one
name send a case that started on the second up the first's levels after its first step.
"""

from __future__ import annotations

from pathlib import Path

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

MISTAKES = Path(__file__).parent / "mistakes"
URGENT = "{field: case.priority, ==: urgent}"


def problems(tmp_path: Path, *ladders: tuple[str, str | None]) -> list[Problem]:
    text = (MISTAKES / "base.yaml").read_text("utf-8") + (
        "calendars: {office: {timezone: Asia/Shanghai, hours: {mon-fri: ['09:00-18:00']}}}\n"
        "sla: {calendar: office, targets: [{first_response: 2h, resolution: 24h}]}\n"
        "escalation:\n  ladders:\n"
    )
    for name, when in ladders:
        text += f"    - name: {name}\n"
        if when is not None:
            text += f"      when: {when}\n"
        text += (
            "      levels:\n"
            "        - {name: late, trigger: {sla: first_response, elapsed: 1.0},"
            " actions: [{add_tags: [late]}]}\n"
        )
    (tmp_path / "p.yaml").write_text(text, "utf-8")
    return [p for p in check_policy(tmp_path / "p.yaml") if p.severity == "error"]


def test_a_ladder_after_one_without_when_is_an_error_naming_that_one(tmp_path: Path) -> None:
    (problem,) = problems(tmp_path, ("standard", None), ("urgent", URGENT))
    assert problem.code == "unreachable-ladder"
    assert problem.location.path == "escalation.ladders[1]"
    lines = (tmp_path / "p.yaml").read_text("utf-8").splitlines()
    assert problem.location.line is not None
    assert "name: urgent" in lines[problem.location.line - 1]
    assert "'urgent'" in problem.message
    assert "'standard' (escalation.ladders[0])" in problem.message
    assert "when" in problem.hint


def test_every_ladder_after_one_without_when_is_named(tmp_path: Path) -> None:
    found = problems(tmp_path, ("a", URGENT), ("b", None), ("c", None), ("d", URGENT))
    assert [p.location.path for p in found] == ["escalation.ladders[2]", "escalation.ladders[3]"]


def test_ladders_each_with_a_when_and_a_last_catch_all_are_valid(tmp_path: Path) -> None:
    assert (
        problems(
            tmp_path,
            ("urgent", URGENT),
            ("other", "{field: case.tags, contains: vip}"),
            ("standard", None),
        )
        == []
    )


def test_two_ladders_of_one_name_are_an_error_at_the_second(tmp_path: Path) -> None:
    (problem,) = problems(tmp_path, ("standard", URGENT), ("standard", None))
    assert problem.code == "duplicate-ladder"
    assert problem.location.path == "escalation.ladders[1].name"
    assert "escalation.ladders[0]" in problem.message


def test_a_ladder_whose_when_an_earlier_ladders_takes_is_never_climbed(tmp_path: Path) -> None:
    """``==: vip`` after ``in: [gold, vip]`` (or after the very same when): every
    case it would take climbs the earlier ladder, and this one loaded silently."""
    found = problems(
        tmp_path,
        ("hot", "{field: customer.tier, in: [gold, vip]}"),
        ("vip", "{field: customer.tier, ==: vip}"),
        ("again", "{field: customer.tier, in: [vip, gold]}"),
        ("silver", "{field: customer.tier, in: [silver, vip]}"),
    )
    assert [(p.code, p.location.path) for p in found] == [
        ("unreachable-ladder", "escalation.ladders[1]"),
        ("unreachable-ladder", "escalation.ladders[2]"),
    ]
    assert "'hot' (escalation.ladders[0]) takes every case its when takes" in found[0].message
