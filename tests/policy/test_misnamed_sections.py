"""A misspelt top-level section (``catgories:``) is one error, not the ghosts its absence
raises: no 'declares no categories', no 'unknown category … (none declared)'."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

POLICY = """\
complaintkit: 1
name: 测试
version: "1"
categories: {food_safety: {label: 食品安全}, other: {label: 其他}}
severities: {high: {label: 高}}
priorities: {normal: {label: 一般}}
teams: {qa: {label: 品控, default_owner: li.na}}
calendars:
  store: {timezone: Asia/Shanghai, hours: {mon-fri: ["09:00-18:00"]}}
classification:
  - hit_policy: first
    rules:
      - id: fs
        when: {keywords: [变质]}
        then: {category: food_safety, severity: high, priority: normal}
    default: {category: other, severity: high, priority: normal}
routing:
  hit_policy: first
  rules: []
  default: {team: qa}
sla:
  targets:
    - {calendar: store, resolution: 3 business days}
escalation:
  ladders:
    - name: standard
      levels:
        - {name: late, trigger: {sla: resolution, elapsed: 1.0}, actions: [{add_tags: [late]}]}
"""


def problems(tmp_path: Path, old: str, new: str) -> list[tuple[str, str, str]]:
    assert old in POLICY
    path = tmp_path / "p.yaml"
    path.write_text(POLICY.replace(old, new, 1), "utf-8")
    return [(p.location.path, p.message, p.hint) for p in check_policy(path)]


@pytest.mark.parametrize(
    ("old", "new", "section"),
    [
        ("categories:", "catgories:", "categories"),
        ("severities:", "severites:", "severities"),
        ("priorities:", "priorites:", "priorities"),
        ("teams:", "tems:", "teams"),
        ("classification:", "clasification:", "classification"),
        ("routing:", "rouitng:", "routing"),
        ("calendars:", "calenders:", "calendars"),
        ("sla:", "slas:", "sla"),
    ],
)
def test_a_misspelt_section_is_the_one_error(
    tmp_path: Path, old: str, new: str, section: str
) -> None:
    found = problems(tmp_path, old, new)
    assert len(found) == 1, found
    ((path, message, hint),) = found
    assert path == new.rstrip(":")
    assert message == f"unknown key {new.rstrip(':')!r} at the top of the policy"
    assert hint.startswith(f"did you mean {section!r}? ")


def test_the_hint_says_how_many_errors_the_misspelling_hid(tmp_path: Path) -> None:
    ((_, _, hint),) = problems(tmp_path, "categories:", "catgories:")
    assert hint.endswith("; 3 more errors follow from there being no categories: fix this first")


def test_a_section_written_twice_keeps_the_errors_of_the_real_one(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        "teams: {qa: {label: 品控, default_owner: li.na}}",
        "tems: {}\nteams: {qa: {label: 品控}}",
    )
    assert [path for path, _, _ in found] == ["tems", "routing.default"]


def test_an_unknown_key_like_no_section_hides_nothing(tmp_path: Path) -> None:
    found = problems(tmp_path, "categories:", "zzz: 1\nfoo:")
    paths = [path for path, _, _ in found]
    assert "categories" in paths
    assert "zzz" in paths
