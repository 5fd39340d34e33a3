"""A remedy amount as a report row holds it is read as money in one pass over its digits.

The pattern for an amount let a run of digits split between the digits before an optional
point and those after it, so a row edited to hold a long run of digits followed by anything
else was tried at every split: quadratic, 40 seconds for 20,000 digits, for every such row
of every report. The digits after a point now follow the point only.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.reports.source import given_amount


def test_a_long_run_of_digits_before_what_no_amount_holds_is_no_money() -> None:
    """40 s each before."""
    assert given_amount("1" * 20_000 + "x") is None
    assert given_amount("1" * 20_000 + "e") is None
    assert given_amount("1." + "1" * 20_000 + "e+") is None


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2, max_value=10**9))
def test_an_amount_as_complaintkit_stores_it_is_that_money(amount: Decimal) -> None:
    assert given_amount(str(amount)) == amount


@given(st.from_regex(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]{1,3})?", fullmatch=True))
def test_every_plain_form_decimal_writes_is_read(text: str) -> None:
    assert given_amount(text) == Decimal(text)


@given(st.text(alphabet="0123456789.eE+- x", max_size=12))
def test_text_is_money_only_where_it_is_a_plain_decimal(text: str) -> None:
    plain = text.strip() == text and " " not in text and "x" not in text
    read = given_amount(text)
    if read is not None:
        assert plain
        assert read == Decimal(text)
