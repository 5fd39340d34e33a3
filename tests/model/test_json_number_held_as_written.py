"""A JSON number is kept meaning what was written, or refused by its path: one with more
digits than a binary float holds (``1e-400``, ``99999999999999.999``) was rounded to a
whole number and kept as that integer, so an amount written so became ``0`` or
``100000000000000`` and opened a case. An amount is now read from the text the document
wrote; any other number the float would change is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.model.jsonvalues import parse_json


def _complaint(amount: str) -> str:
    return (
        '{"channel": "api", "external_id": "1", "received_at": "2026-11-23T09:00:00+00:00",'
        f' "customer": {{"id": "c-1"}}, "text": "late", "amount": {{"amount": {amount},'
        ' "currency": "KWD"}}'  # three places: a complaint's amount is in its currency's units
    )


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("1e-400", "decimal places"),
        ("-1e-400", "decimal places"),
        ("1.0000000000000001", "decimal places"),
    ],
)
def test_an_amount_a_float_rounds_to_a_whole_number_is_refused(written: str, why: str) -> None:
    """Read from its text, as an amount written as text is: refused for its own digits,
    never taken as the 0 or 1 its float is."""
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json(parse_json(_complaint(written)))
    assert refused.value.field == "amount.amount"
    assert why in str(refused.value)


def test_an_amount_no_float_holds_is_read_from_its_text() -> None:
    amount = Complaint.from_json(parse_json(_complaint("99999999999999.999"))).amount
    assert amount is not None
    assert amount.amount == Decimal("99999999999999.999")


@pytest.mark.parametrize("written", ["1e-400", "99999999999999.999", "0.30000000000000001"])
def test_another_number_no_float_holds_is_refused_by_its_path(written: str) -> None:
    """Outside money a number is stored as its float, so one the float would change is
    refused, saying to write it as text, rather than kept as another number."""
    body = _complaint("1").replace(
        '"text": "late"', f'"text": "late", "attributes": {{"total": {written}}}'
    )
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json(parse_json(body))
    assert refused.value.field == "attributes.total"
    assert written in str(refused.value)


@pytest.mark.parametrize("written", ["12", "12.0", "1e3", "1.5E2"])
def test_an_amount_written_as_an_exact_whole_number_is_read(written: str) -> None:
    amount = Complaint.from_json(parse_json(_complaint(written))).amount
    assert amount is not None
    assert amount.amount == Decimal(written)


digits = st.text("0123456789", min_size=1, max_size=25)


@given(
    digits,
    st.none() | digits,
    st.none() | st.integers(-450, 450),
    st.booleans(),
)
def test_a_number_is_kept_as_written_or_refused_by_its_path(
    whole: str, fraction: str | None, exponent: int | None, negative: bool
) -> None:
    written = ("-" if negative else "") + whole.lstrip("0").rjust(1, "0")
    written += "" if fraction is None else f".{fraction}"
    written += "" if exponent is None else f"e{exponent}"
    refused: str | None = None
    try:
        value = parse_json(f'{{"n": {{"m": {written}}}}}')["n"]["m"]
    except InvalidInput as exc:
        refused = exc.field
    else:
        assert Decimal(repr(value)) == Decimal(written)
    assert refused in (None, "n.m")
