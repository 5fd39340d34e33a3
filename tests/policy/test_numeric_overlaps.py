"""Under hit policy ``unique``, two numeric rows whose ranges meet are refused at load.

``amount: {'>=': 100}`` and ``amount: {'<': 500}`` both match 100…499, which ``unique``
forbids; this used to pass ``validate`` and fail on the first such complaint. The problem
names both rows and a value both match.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import PolicyError
from complaintkit.policy.facts import Facts
from complaintkit.policy.tables import check_table, compile_table

AMOUNT = "complaint.amount"


def _table(*conditions: dict[str, object]) -> dict[str, object]:
    rules = [{"id": f"r{i}", "when": c, "then": {"row": i}} for i, c in enumerate(conditions)]
    return {"hit_policy": "unique", "rules": rules, "default": {"row": None}}


def _overlaps(*conditions: dict[str, object]) -> list[str]:
    return [p.message for p in check_table(_table(*conditions), "t") if p.code == "unique-overlap"]


def test_two_open_ranges_that_meet_are_named_with_a_value_both_match() -> None:
    (message,) = _overlaps({"field": AMOUNT, ">=": 100}, {"field": AMOUNT, "<": 500})
    assert "'r0' (t.rules[0]) and 'r1'" in message
    assert "complaint.amount 100 matches both" in message


@pytest.mark.parametrize(
    ("first", "second", "example"),
    [
        ({"between": [10, 20]}, {"between": [20, 30]}, "20"),
        ({">": 10}, {"<=": 11}, "11"),
        ({">": 10}, {"<": 11}, "10.5"),
        ({"<": 5}, {"<": 3}, "2"),
        ({"==": 7}, {"between": [0, 10]}, "7"),
    ],
)
def test_ranges_that_meet_are_named(
    first: dict[str, object], second: dict[str, object], example: str
) -> None:
    (message,) = _overlaps({"field": AMOUNT, **first}, {"field": AMOUNT, **second})
    assert f"complaint.amount {example} matches both" in message


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"<": 100}, {">=": 100}),
        ({"between": [0, 9]}, {"between": [10, 20]}),
        ({"<=": 5}, {">": 5}),
    ],
)
def test_ranges_that_do_not_meet_pass(first: dict[str, object], second: dict[str, object]) -> None:
    assert _overlaps({"field": AMOUNT, **first}, {"field": AMOUNT, **second}) == []


def test_ranges_on_different_fields_pass() -> None:
    assert _overlaps({"field": AMOUNT, ">=": 1}, {"field": "case.complaints", ">=": 1}) == []


_BOUND = st.integers(-5, 5)
_RANGE = st.one_of(
    st.builds(
        lambda op, n: {"field": AMOUNT, op: n},
        st.sampled_from(["<", "<=", ">", ">=", "=="]),
        _BOUND,
    ),
    st.builds(lambda a, b: {"field": AMOUNT, "between": sorted([a, b])}, _BOUND, _BOUND),
)


@given(
    st.lists(_RANGE, min_size=2, max_size=5),
    st.sampled_from([Decimal(n) / 2 for n in range(-12, 13)]),
)
def test_a_unique_table_that_loads_never_has_two_rows_match(
    conditions: list[dict[str, object]], amount: Decimal
) -> None:
    table = _table(*conditions)
    if any(p.severity == "error" for p in check_table(table, "t")):
        return
    try:
        compile_table(table, "t").evaluate(Facts({"complaint": {"amount": amount}}))
    except PolicyError as exc:  # pragma: no cover - the failure this test is for
        raise AssertionError(f"{amount} matched two rows of a table that loaded: {exc}") from None
