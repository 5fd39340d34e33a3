"""A case's category, severity, priority or team compared with a number or true/false.

``case.category == prodcut`` is refused at its line (no category is 'prodcut'), but
``case.category == 5`` and ``case.team in [true]`` loaded in silence, rows that could
never match (or, with ``!=``, always). They are the same error now, naming the declared
ids; a number that is a declared id (a category ``"5"``) is left alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _unknown(tmp_path: Path, condition: str, extra: str = "") -> list[str]:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\n{extra}routing:\n  rules:\n"
        f"    - id: r2\n      when: {condition}\n      then: {{team: logistics}}\n",
        "utf-8",
    )
    return [
        f"{p.location.line} {p.message} | {p.hint}"
        for p in check_policy(path)
        if p.code == "unknown-id"
    ]


@pytest.mark.parametrize(
    "condition",
    [
        "{field: case.category, ==: 5}",
        "{field: case.severity, '!=': 1.5}",
        "{field: case.team, in: [desk, true]}",
    ],
)
def test_a_number_or_boolean_no_id_is_an_error(tmp_path: Path, condition: str) -> None:
    (problem,) = _unknown(tmp_path, condition)
    assert problem.startswith("6 ")
    assert "is never" in problem
    assert "desk" in problem or "product" in problem or "critical" in problem


def test_a_number_that_is_a_declared_id_loads(tmp_path: Path) -> None:
    extra = "categories:\n  '5': {label: {zh: 五, en: Five}}\n"
    assert _unknown(tmp_path, "{field: case.category, ==: 5}", extra) == []


def test_null_asks_for_a_case_without_one(tmp_path: Path) -> None:
    assert _unknown(tmp_path, "{field: case.team, ==: null}") == []
