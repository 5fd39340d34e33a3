"""Two conditions count as identical (a shadowed row, an overlap under ``unique``, a dead
SLA target) only when they agree on every input: a fact that is a number, text, null, a
flag, a list, or missing. ``validate`` once called ``{x: {==: 1}}`` and ``{x: {==: true}}``
identical: ``1 == True`` in Python, though true is no 1 to a condition."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Final

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.policy.compiled import check_policy
from complaintkit.policy.conditions import Condition, compile_condition
from complaintkit.policy.facts import Facts

_LITERALS: Final = (180, 180.0, "180", 1, 0, True, False, "true")
_OPERATORS: Final = ("==", "!=", "<", ">=", "in", "not in", "contains", "not-ge")
_MISSING: Final = object()
_SCALARS: Final = st.one_of(
    st.none(),
    st.booleans(),
    st.decimals(allow_nan=False, allow_infinity=False, places=1, max_value=200, min_value=-2),
    st.sampled_from(["180", " 180 ", "1", "true", "TRUE", "abc", ""]),
    st.text(max_size=3),
)
_VALUES: Final = st.one_of(st.just(_MISSING), _SCALARS, st.lists(_SCALARS, max_size=2))


def _condition(operator: str, literal: object) -> dict[str, object] | None:
    """``{field: x, op: literal}``, or None where the operator refuses the literal."""
    if operator == "not-ge":  # not {x >= n}: differs from {x < n} where x is no number
        return {"not": {"field": "x", ">=": literal}} if _number(literal) else None
    if operator in ("<", ">=") and not _number(literal):
        return None
    argument = [literal] if operator in ("in", "not in") else literal
    return {"field": "x", operator: argument}


def _number(literal: object) -> bool:
    return isinstance(literal, int | float) and not isinstance(literal, bool)


def _same_key_pairs() -> list[tuple[Condition, Condition]]:
    """Every two different conditions of the grid above that compile to one key."""
    written = [
        c for c in (_condition(o, lit) for o in _OPERATORS for lit in _LITERALS) if c is not None
    ]
    compiled = [(repr(c), compile_condition(c)) for c in written]
    return [
        (a, b)
        for (text_a, a), (text_b, b) in itertools.combinations(compiled, 2)
        if text_a != text_b and a.node.key == b.node.key
    ]


_PAIRS: Final = _same_key_pairs()


@given(_VALUES)
def test_conditions_with_one_key_agree_on_every_fact(value: object) -> None:
    facts = Facts.from_flat({} if value is _MISSING else {"x": value})
    for a, b in _PAIRS:
        assert a(facts) == b(facts), (a.describe(), b.describe())


def test_the_grid_has_conditions_sharing_a_key() -> None:
    """``== 180`` and ``== 180.0`` are one condition: the property above tests something."""
    assert any("180" in a.describe() for a, _ in _PAIRS)


def test_under_and_not_at_least_are_different_conditions() -> None:
    """The EU 261 pack's pair: a missing or textual delay is not under 180, and not at least
    180 either, so the two are no one condition."""
    under = compile_condition({"field": "x", "<": 180})
    not_at_least = compile_condition({"not": {"field": "x", ">=": 180}})
    assert under.node.key != not_at_least.node.key
    assert not under(Facts.from_flat({}))
    assert not_at_least(Facts.from_flat({}))


def _policy(tmp_path: Path, first: str, second: str, hit_policy: str) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text(
        "complaintkit: 1\n"
        "categories: {a: {label: A}, b: {label: B}}\n"
        "severities: {normal: {label: N}}\n"
        "priorities: {normal: {label: N}}\n"
        "teams: {desk: {label: D, default_owner: desk}}\n"
        "classification:\n"
        f"  hit_policy: {hit_policy}\n"
        "  rules:\n"
        f"    - {{id: one, when: {first}, then: {{category: a}}}}\n"
        f"    - {{id: flag, when: {second}, then: {{category: b}}}}\n"
        "  default: {category: a, severity: normal, priority: normal}\n"
        "routing: {rules: [], default: {team: desk}}\n",
        encoding="utf-8",
    )
    return path


def test_equal_to_one_does_not_shadow_equal_to_true(tmp_path: Path) -> None:
    path = _policy(tmp_path, "{field: fraud, ==: 1}", "{field: fraud, ==: true}", "first")
    assert [p.message for p in check_policy(path) if p.severity == "error"] == []


def test_unique_rows_on_one_and_true_do_not_overlap(tmp_path: Path) -> None:
    path = _policy(tmp_path, "{field: n, contains: 0}", "{field: n, contains: false}", "unique")
    assert [p.message for p in check_policy(path) if p.severity == "error"] == []


def test_the_identical_condition_is_still_reported(tmp_path: Path) -> None:
    path = _policy(tmp_path, "{field: fraud, ==: true}", "{field: fraud, ==: true}", "first")
    assert [p.code for p in check_policy(path)] == ["shadowed-row"]


@given(_VALUES)
def test_a_rule_decides_as_explain_says(value: object) -> None:
    """The generated function the Desk runs and the tree ``explain`` reads agree; ``!= true``
    held for a missing fact in the one and not in the other."""
    facts = Facts.from_flat({} if value is _MISSING else {"x": value})
    for written in (_condition(o, lit) for o in _OPERATORS for lit in _LITERALS):
        if written is not None:
            compiled = compile_condition(written)
            assert compiled(facts) == compiled.node(facts), compiled.describe()
