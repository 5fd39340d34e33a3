"""A ``teams`` section the policy cannot use (a list of ids, text, a refused YAML tag) left
the policy with no teams, so every row naming one was refused 'unknown team … (none
declared)' and the routing default told its team has no default_owner — listed before
the root cause when the rows come first in the file, or when the section is in the parent
an ``extends`` names. So for one team the policy cannot use (``desk:`` left empty,
``desk: 客服``, ``default_owner: [x]``) and the routing default's owner. The root is the
error; its hint says how many follow from it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

HEAD = """\
complaintkit: 1
name: 测试
categories: {product: {label: 产品}}
severities: {minor: {label: 一般}}
priorities: {normal: {label: 一般}}
"""
RULES = """\
classification:
  rules: []
  default: {category: product, severity: minor, priority: normal}
routing:
  rules:
    - id: q
      when: {field: case.category, ==: product}
      then: {team: quality, owner: li.na}
  default: {team: desk}
"""
GOOD_DESK = "desk: {label: 客服, default_owner: chen.jing}"
#: Whole sections no team can be read from, as authors slip into them.
UNUSABLE_SECTIONS = [
    "teams: [quality, desk]",
    "teams: quality",
    "teams: 12",
    "teams:\n  - quality: {label: 品控}\n  - desk: {label: 客服}",
    "teams: !!binary aGVsbG8=",
    "teams: true",
]
#: One team, the one the routing default names, the policy cannot read an owner from.
UNUSABLE_DESKS = [
    "desk:",
    "desk: 客服",
    "desk: [chen.jing]",
    "desk: !!binary aGVsbG8=",
    "desk: {label: 客服, default_owner: [chen.jing]}",
    "desk: {label: 客服, default_owner: 2026-01-01}",
    "desk: {label: 客服, default_owner: 12}",
    "desk: {label: 客服, default_owner: !!binary aGVsbG8=}",
]


def errors(path: Path) -> list[Problem]:
    return [p for p in check_policy(path) if p.severity == "error"]


def assert_the_root_alone(found: list[Problem], file: Path, path: str) -> None:
    assert len(found) == 1, [(p.location.path, p.message) for p in found]
    (root,) = found
    assert (root.location.file, root.location.path) == (str(file), path)
    assert root.location.line is not None
    assert root.hint.endswith("follow from there being no teams: fix this first")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(section=st.sampled_from(UNUSABLE_SECTIONS), teams_last=st.booleans())
def test_an_unusable_teams_section_is_the_one_error(
    tmp_path_factory: pytest.TempPathFactory, section: str, teams_last: bool
) -> None:
    folder = tmp_path_factory.mktemp("p")
    path = folder / "p.yaml"
    body = f"{RULES}{section}\n" if teams_last else f"{section}\n{RULES}"
    path.write_text(HEAD + body, "utf-8")
    assert_the_root_alone(errors(path), path, "teams")


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(section=st.sampled_from(UNUSABLE_SECTIONS))
def test_an_unusable_teams_section_in_the_parent_comes_alone(
    tmp_path_factory: pytest.TempPathFactory, section: str
) -> None:
    folder = tmp_path_factory.mktemp("p")
    parent, child = folder / "z-parent.yaml", folder / "a-child.yaml"
    parent.write_text(f"{HEAD}{section}\n", "utf-8")
    child.write_text(f"complaintkit: 1\nname: 子\nextends: ./z-parent.yaml\n{RULES}", "utf-8")
    assert_the_root_alone(errors(child), parent, "teams")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(desk=st.sampled_from(UNUSABLE_DESKS), teams_last=st.booleans())
def test_a_team_without_a_readable_owner_is_the_one_error(
    tmp_path_factory: pytest.TempPathFactory, desk: str, teams_last: bool
) -> None:
    folder = tmp_path_factory.mktemp("p")
    path = folder / "p.yaml"
    indented = desk.replace("\n", "\n  ")
    teams = f"teams:\n  quality: {{label: 品控, default_owner: li.na}}\n  {indented}\n"
    path.write_text(HEAD + (RULES + teams if teams_last else teams + RULES), "utf-8")
    found = errors(path)
    assert len(found) == 1, [(p.location.path, p.message) for p in found]
    assert found[0].location.path.startswith("teams.desk")
    assert "1 more error follows" in found[0].hint


def test_a_team_without_an_owner_at_all_is_still_told_so(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    teams = "teams:\n  quality: {label: 品控, default_owner: li.na}\n  desk: {label: 客服}\n"
    path.write_text(HEAD + RULES + teams, "utf-8")
    (found,) = errors(path)
    assert (found.location.path, found.code) == ("routing.default", "missing-owner")


def test_usable_teams_raise_no_error(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    teams = f"teams:\n  quality: {{label: 品控, default_owner: li.na}}\n  {GOOD_DESK}\n"
    path.write_text(HEAD + RULES + teams, "utf-8")
    assert errors(path) == []
