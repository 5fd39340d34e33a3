"""An amount grouped in thousands by two or more points (``150.000.000`` VND, ``1.250.000``
EUR as Germany writes it) is no number, and was refused saying only that; a comma-grouped
one was told the number to write. Two points hold no decimal point, so the number is certain:
the refusal names it. One point stays ambiguous (``150.000``: see ``points_grouping``), and a
decimal comma after the points (``1.000.000,50``) still gets no guess."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.model.money import Money


def _refusal(amount: str, currency: str = "VND") -> str:
    with pytest.raises(InvalidInput) as refused:
        Money.from_json({"amount": amount, "currency": currency})
    assert refused.value.field == "amount.amount"
    return refused.value.message


@pytest.mark.parametrize(
    ("written", "number", "currency"),
    [
        ("150.000.000", "150000000", "VND"),
        ("1.250.000", "1250000", "EUR"),
        ("-2.000.000", "-2000000", "JPY"),
    ],
)
def test_points_grouping_thousands_name_the_number(
    written: str, number: str, currency: str
) -> None:
    assert repr(number) in _refusal(written, currency)


@given(st.integers(min_value=1_000_000, max_value=10**15 - 1))
def test_the_number_named_is_the_one_grouped(value: int) -> None:
    written = f"{value:,}".replace(",", ".")
    said = _refusal(written)
    assert repr(str(value)) in said
    assert Money.from_json({"amount": str(value), "currency": "VND"}).amount == value


@pytest.mark.parametrize("written", ["1.000.000,50", "1.00.000", "12.3456.789"])
def test_no_number_is_guessed_where_the_grouping_is_not_certain(written: str) -> None:
    said = _refusal(written)
    assert "is not a number" in said
    assert "'1000000" not in said
