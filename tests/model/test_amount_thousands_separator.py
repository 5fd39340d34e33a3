"""An amount written with thousands separators, as a spreadsheet or an invoice writes it
(``1,000.50``), is refused saying the number to write; a comma that may be a decimal comma
(``1.000,50``, ``12,5``) is refused saying how amounts are written, never guessed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.model.money import Money


@pytest.mark.parametrize(
    ("written", "meant"),
    [("1,000.50", "1000.50"), ("12,345,678", "12345678"), ("-1,000", "-1000")],
)
def test_thousands_separators_are_refused_naming_the_number(written: str, meant: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        Money.from_json({"amount": written, "currency": "CNY"})
    assert refused.value.field == "amount.amount"
    assert f"'{meant}'" in refused.value.message


@pytest.mark.parametrize("written", ["1.000,50", "12,5", "1,00,000", ",5"])
def test_a_comma_that_is_no_thousands_separator_is_refused_without_a_guess(written: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        Money.from_json({"amount": written, "currency": "EUR"})
    assert "no separators" in refused.value.message
    assert "'1000.50'" in refused.value.message  # the example, not a reading of it


@given(st.integers(1000, 10**14), st.sampled_from(["", ".5", ".05"]))
def test_any_grouped_amount_is_answered_with_itself_ungrouped(whole: int, cents: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        Money(f"{whole:,}{cents}", "CNY")
    assert f"'{whole}{cents}'" in refused.value.message
