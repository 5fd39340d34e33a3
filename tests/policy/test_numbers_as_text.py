"""A number a CSV row or a web form gives as text ("1600") compares as that number:
numeric operators read text that is exactly a decimal number, and only that."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.policy.conditions import compile_condition
from complaintkit.policy.facts import Facts

NUMERIC = ["==", "!=", "<", "<=", ">", ">="]
DECIMALS = st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12)


def _decide(condition: dict[str, object], value: object) -> tuple[bool, bool]:
    """What the compiled fast path and the node tree say about ``value``."""
    check = compile_condition({"field": "flight.distance_km", **condition})
    facts = Facts({"flight": {"distance_km": value}})
    return check(facts), check.node(facts)


@given(DECIMALS, st.sampled_from(NUMERIC), st.integers(-3, 3))
def test_a_decimal_as_text_decides_as_the_decimal(d: Decimal, symbol: str, literal: int) -> None:
    expected = _decide({symbol: literal}, d)
    assert _decide({symbol: literal}, str(d)) == expected
    assert expected[0] is expected[1]


@given(DECIMALS, st.integers(-3, 3))
def test_between_reads_a_decimal_as_text(d: Decimal, low: int) -> None:
    condition: dict[str, object] = {"between": [low, low + 2]}
    assert _decide(condition, str(d)) == _decide(condition, d)


@pytest.mark.parametrize("text", ["1600", "1600.0", "+1600", " 1600 ", "1600\t", "16E2"])
def test_numeric_text_meets_the_threshold(text: str) -> None:
    assert _decide({">=": 1500}, text) == (True, True)
    assert _decide({"==": 1600}, text) == (True, True)
    assert _decide({"!=": 1600}, text) == (False, False)
    assert _decide({"between": [1500, 3500]}, text) == (True, True)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "lots",
        "1,600",
        "1_600",
        "1600km",
        "NaN",
        "Infinity",
        "0x10",
        "\uff11\uff16\uff10\uff10",
    ],
)
def test_text_that_is_not_exactly_a_number_never_compares_as_one(text: str) -> None:
    for symbol in ("==", "<", "<=", ">", ">="):
        assert _decide({symbol: 1600}, text) == (False, False)
        assert _decide({symbol: 0}, text) == (False, False)
    assert _decide({"between": [-(10**6), 10**6]}, text) == (False, False)
    assert _decide({"!=": 1600}, text) == (True, True)


def test_equality_with_text_literals_is_unchanged() -> None:
    assert _decide({"==": "1600"}, "1600") == (True, True)
    assert _decide({"==": "1600"}, Decimal(1600)) == (False, False)


@given(DECIMALS, st.lists(st.integers(-3, 3), min_size=1, max_size=3))
def test_in_a_list_of_numbers_is_equal_to_one_of_them(d: Decimal, numbers: list[int]) -> None:
    """``in: [1600, 3500]`` is ``== 1600`` or ``== 3500``, for text spelling a number too."""
    equal = any(_decide({"==": n}, str(d))[0] for n in numbers)
    assert _decide({"in": numbers}, str(d)) == (equal, equal)
    assert _decide({"not in": numbers}, str(d)) == (not equal, not equal)


def test_in_reads_text_as_a_number_only_against_numbers() -> None:
    assert _decide({"in": [1600, 3500]}, " 1600 ") == (True, True)
    assert _decide({"in": ["1600"]}, "1600.0") == (False, False)
    assert _decide({"in": [1600, "1600km"]}, "1600km") == (True, True)
    assert _decide({"not in": [1600]}, "1600km") == (True, True)


@pytest.mark.parametrize("number", [0.1, 99.9, 2.3, 1e-7, 1.5])
def test_a_json_number_with_a_point_compares_as_it_is_written(number: float) -> None:
    """A fact read from JSON (``"paid": 99.9``) is the float nearest 99.9: it compares as
    the 99.9 its text says, as the policy's ``99.9`` does, not as the binary fraction."""
    assert _decide({"==": number}, number) == (True, True)
    assert _decide({"<=": number}, number) == (True, True)
    assert _decide({">=": number}, number) == (True, True)
    assert _decide({"between": [0, number]}, number) == (True, True)
    assert _decide({"in": [number]}, number) == (True, True)
    assert _decide({"!=": number}, number) == (False, False)
