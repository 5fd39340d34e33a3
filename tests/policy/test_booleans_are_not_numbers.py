"""true and false are no numbers: a fact ``fraud: 1`` is not ``fraud == true``, and
``days_late: true`` is not ``days_late > 0`` (Python counts True as 1; a policy must not)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.policy.conditions import compile_condition
from complaintkit.policy.facts import Facts


def _decide(condition: dict[str, object], value: object) -> tuple[bool, bool]:
    """What the compiled fast path and the node tree say about ``value``."""
    check = compile_condition({"field": "fraud", **condition})
    facts = Facts({"fraud": value})
    return check(facts), check.node(facts)


@pytest.mark.parametrize(
    ("condition", "value"),
    [
        ({"==": True}, Decimal(1)),
        ({"==": True}, 1),
        ({"==": False}, Decimal(0)),
        ({"==": 1}, True),
        ({"==": 0}, False),
        ({">": 0}, True),
        ({">=": 1}, True),
        ({"<": 1}, False),
        ({"between": [0, 5]}, True),
        ({"in": [True]}, Decimal(1)),
        ({"in": [1, 2]}, True),
        ({"in": [0]}, False),
        ({"contains": 1}, [True]),
        ({"contains": True}, [Decimal(1)]),
    ],
)
def test_a_boolean_never_matches_a_number(condition: dict[str, object], value: object) -> None:
    assert _decide(condition, value) == (False, False)


@pytest.mark.parametrize(
    ("condition", "value"),
    [({"!=": True}, Decimal(1)), ({"!=": 1}, True), ({"not in": [True]}, 1)],
)
def test_a_boolean_is_unequal_to_any_number(condition: dict[str, object], value: object) -> None:
    assert _decide(condition, value) == (True, True)


def test_a_list_of_literals_keeps_both_one_and_true() -> None:
    condition: dict[str, object] = {"in": [1, True]}
    assert _decide(condition, True) == (True, True)
    assert _decide(condition, Decimal(1)) == (True, True)
    assert _decide(condition, False) == (False, False)


@given(
    st.sampled_from(["==", "!="]),
    st.booleans() | st.integers(-2, 2),
    st.booleans() | st.integers(-2, 2),
)
def test_equality_holds_only_between_values_of_one_kind(
    symbol: str, literal: object, value: object
) -> None:
    same = isinstance(literal, bool) == isinstance(value, bool) and literal == value
    assert _decide({symbol: literal}, value) == ((same,) * 2 if symbol == "==" else (not same,) * 2)
