"""A table one row of which does not compile still gets its other checks in the same
``validate`` run: the routing default's owner, and rows an earlier row shadows. Both came
only on the run after the broken row was fixed."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

_HEAD = """complaintkit: 1
categories: {a: {label: A}}
severities: {normal: {label: N}}
priorities: {normal: {label: N}}
teams: {desk: {label: D}, quality: {label: Q, default_owner: qa.zhou}}
classification:
  rules: []
  default: {category: a, severity: normal, priority: normal}
"""


def _codes(tmp_path: Path, routing: str) -> list[tuple[str, str]]:
    path = tmp_path / "policy.yaml"
    path.write_text(_HEAD + routing, encoding="utf-8")
    return [(p.code, p.location.path) for p in check_policy(path) if p.severity == "error"]


def test_a_default_without_owner_is_reported_beside_a_broken_row(tmp_path: Path) -> None:
    found = _codes(
        tmp_path,
        "routing:\n"
        "  rules:\n"
        "    - {id: r1, when: {feild: case.category, ==: a}, then: {team: quality}}\n"
        "  default: {team: desk}\n",
    )
    assert ("missing-owner", "routing.default") in found
    assert ("unknown-condition", "routing.rules[0].when.feild") in found


def test_a_missing_routing_default_is_reported_beside_a_broken_row(tmp_path: Path) -> None:
    found = _codes(
        tmp_path,
        "routing:\n"
        "  rules:\n"
        "    - {id: r1, when: {field: case.category, ===: a}, then: {team: quality}}\n",
    )
    assert ("missing-default", "routing") in found


def test_a_shadowed_row_is_reported_beside_a_broken_row(tmp_path: Path) -> None:
    found = _codes(
        tmp_path,
        "routing:\n"
        "  rules:\n"
        "    - {id: r1, when: {feild: case.category, ==: a}, then: {team: quality}}\n"
        "    - {id: r2, when: {field: case.priority, ==: normal}, then: {team: quality}}\n"
        "    - {id: r3, when: {field: case.priority, ==: normal}, then: {team: desk}}\n"
        "  default: {team: quality}\n",
    )
    assert ("shadowed-row", "routing.rules[2]") in found


def test_a_broken_row_shadows_nothing(tmp_path: Path) -> None:
    """A row whose condition did not compile is not taken for one that matches everything."""
    found = _codes(
        tmp_path,
        "routing:\n"
        "  rules:\n"
        "    - {id: r1, when: {feild: case.category, ==: a}, then: {team: quality}}\n"
        "    - {id: r2, when: {field: case.priority, ==: normal}, then: {team: quality}}\n"
        "  default: {team: quality}\n",
    )
    assert [code for code, _ in found] == ["unknown-condition"]
