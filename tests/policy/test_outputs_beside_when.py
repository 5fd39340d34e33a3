"""A row's outputs written beside ``when`` instead of under ``then`` (``category: food`` at
the row): each is named where it is written with the ``then:`` to write, and a row's text
``priority`` (the case's priority, not the row's order) says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy
from complaintkit.policy.tables import check_table

POLICY = """\
complaintkit: 1
name: shop
version: "1"
categories: {food: {label: 食品安全}, service: {label: 服务}}
severities: {minor: {label: 一般}, major: {label: 严重}}
priorities: {normal: {label: 普通}, urgent: {label: 紧急}}
teams: {desk: {label: 客服组, default_owner: xiaowang}}
classification:
  hit_policy: {hit_policy}
  rules:
    - when: {keywords: [异物, 头发]}
      {row}
  default: {category: service, severity: minor, priority: normal}
routing: {rules: [], default: {team: desk}}
"""


def problems(tmp_path: Path, row: str, hit_policy: str = "first") -> dict[str, Problem]:
    path = tmp_path / "policy.yaml"
    path.write_text(
        POLICY.replace("{row}", row).replace("{hit_policy}", hit_policy), encoding="utf-8"
    )
    return {p.location.path: p for p in check_policy(path) if p.severity == "error"}


def test_outputs_beside_when_are_named_with_the_then_to_write(tmp_path: Path) -> None:
    found = problems(tmp_path, "category: food\n      severity: major\n      tags: [x]")
    for key in ("category", "severity", "tags"):
        problem = found[f"classification.rules[0].{key}"]
        assert f"'{key}'" in problem.message
        assert "then: {category: food, severity: major, tags: [x]}" in problem.hint
        assert problem.location.line == 12 + ("category", "severity", "tags").index(key)


def test_a_text_priority_beside_when_is_the_cases_priority(tmp_path: Path) -> None:
    found = problems(tmp_path, "category: food\n      priority: urgent")
    assert "then: {category: food, priority: urgent}" in (
        found["classification.rules[0].category"].hint
    )
    problem = found["classification.rules[0].priority"]
    assert "then: {priority: urgent}" in problem.hint
    assert "orders the rows" in problem.hint


@pytest.mark.parametrize("hit_policy", ["first", "priority"])
def test_a_numeric_row_priority_stays_the_rows_order(tmp_path: Path, hit_policy: str) -> None:
    found = problems(tmp_path, "then: {category: food}\n      priority: 10", hit_policy)
    assert "classification.rules[0].priority" not in found


def test_an_unknown_key_that_is_no_output_keeps_the_typo_hint(tmp_path: Path) -> None:
    found = problems(tmp_path, "thenn: {category: food}")
    assert "did you mean 'then'" in found["classification.rules[0].thenn"].hint


def test_a_table_checked_on_its_own_gives_the_same_hints() -> None:
    """Tables reach the compiler without the schema too (a plugin's, a policy test's)."""
    row = {"when": {"keywords": ["异物"]}, "category": "food", "priority": "urgent"}
    found = {p.location.path: p for p in check_table({"rules": [row], "default": {}}, "t")}
    assert "then: {category: food, priority: urgent}" in found["t.rules[0].category"].hint
    assert "orders the rows" in found["t.rules[0].priority"].hint
