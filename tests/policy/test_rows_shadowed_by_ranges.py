"""A numeric row inside an earlier row's range can never match: ``amount >= 100`` after
``amount >= 50`` under hit policy first. It loaded silently; ``validate`` now names it, as
it names an identical row, and only where it is certain (one field, built-in comparisons)."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
AMOUNT = "complaint.amount"


def _shadowed(tmp_path: Path, rows: str, hit_policy: str = "first") -> list[Problem]:
    path = tmp_path / "p.yaml"
    text = f"complaintkit: 1\nextends: {BASE}\nclassification:\n  hit_policy: {hit_policy}\n"
    path.write_text(text + "  rules:\n" + rows, "utf-8")
    return [p for p in check_policy(path) if p.code == "shadowed-row"]


def _row(row_id: str, when: str, priority: int = 0) -> str:
    extra = f"      priority: {priority}\n" if priority else ""
    return f"    - id: {row_id}\n      when: {when}\n      then: {{category: service}}\n" + extra


def _test(operator: str, value: str, field: str = AMOUNT) -> str:
    return f'{{field: {field}, "{operator}": {value}}}'


def test_a_higher_threshold_after_a_lower_one_is_named(tmp_path: Path) -> None:
    rows = _row("big", _test(">=", "50")) + _row("bigger", _test(">=", "100"))
    (problem,) = _shadowed(tmp_path, rows)
    assert problem.location.path == "classification.rules[2]"  # after base.yaml's row
    assert "row 'bigger' can never match: row 'big'" in problem.message
    assert "complaint.amount >= 100 lies within complaint.amount >= 50" in problem.message


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        (_test("between", "[10, 20]"), _test("==", "15")),
        (_test("<=", "100"), _test("<", "100")),
        (_test(">", "5"), _test("between", "[6, 9]")),
        (_test(">=", "50"), f"{{all: [{_test('>', '60')}, {_test('<', '80')}]}}"),
        (f"{{all: [{_test('>=', '0')}, {_test('<', '100')}]}}", _test("==", "99.5")),
        (_test("==", "3"), _test("between", "[3, 3]")),
    ],
)
def test_a_range_within_an_earlier_one_is_named(tmp_path: Path, earlier: str, later: str) -> None:
    assert len(_shadowed(tmp_path, _row("a", earlier) + _row("b", later))) == 1


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        (_test(">=", "100"), _test(">=", "50")),  # the wider one later: it still matches 50..99
        (_test(">", "50"), _test(">=", "50")),  # 50 itself
        (_test("<", "100"), _test("<=", "100")),
        (_test(">=", "50"), _test(">=", "100", "customer.tier_level")),  # another field
        (f"{{all: [{_test('>=', '50')}, {{keywords: [退款]}}]}}", _test(">=", "100")),
        (f"{{any: [{_test('>=', '50')}, {_test('<', '0')}]}}", _test(">=", "100")),
        (_test(">=", "50"), f"{{all: [{_test('>=', '100')}, {{keywords: [退款]}}]}}"),
        (_test("!=", "3"), _test("==", "4")),
        (_test("in", "[1, 2]"), _test("==", "1")),
        (_test(">=", "50"), f"{{all: [{_test('>', '80')}, {_test('<', '60')}]}}"),  # empty
    ],
)
def test_ranges_not_certainly_held_are_not_named(tmp_path: Path, earlier: str, later: str) -> None:
    assert _shadowed(tmp_path, _row("a", earlier) + _row("b", later)) == []


def test_under_priority_the_row_tried_first_shadows(tmp_path: Path) -> None:
    rows = _row("bigger", _test(">=", "100"), 1) + _row("big", _test(">=", "50"), 9)
    (problem,) = _shadowed(tmp_path, rows, "priority")
    assert "row 'bigger' can never match: row 'big'" in problem.message
    assert "give it a priority above 9" in problem.hint


def test_the_earliest_row_holding_a_range_is_named(tmp_path: Path) -> None:
    rows = (
        _row("any", _test(">=", "0"))
        + _row("mid", _test("between", "[10, 90]"))  # named itself, and kept out
        + _row("wide", _test(">=", "-5"))
        + _row("late", _test("==", "50"))
    )
    problems = _shadowed(tmp_path, rows)
    assert [p.message.split(":")[1].split("(")[0].strip() for p in problems] == [
        "row 'any'",
        "row 'any'",  # not 'wide', whose range (>= -5) holds any's, tried later
    ]


def test_many_tiers_are_checked_in_one_pass(tmp_path: Path) -> None:
    tiers = "".join(
        _row(f"t{i}", _test("between", f"[{i * 10}, {i * 10 + 9}]")) for i in range(2000)
    )
    tiers += _row("inside", _test("between", "[12345, 12346]"))
    (problem,) = _shadowed(tmp_path, tiers)
    assert "row 'inside' can never match: row 't1234'" in problem.message
