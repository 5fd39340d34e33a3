"""An amount a JSON document writes as a number with a point (``"amount": 12.5``) is exact
in the document's text, so it is read from that text as the Decimal it says: a JSON line,
an HTTP body and ``complaintkit explain``'s COMPLAINT.json all decode through
``parse_json``. A binary float handed to the Python API is still refused: 0.1 there is
already 0.1000000000000000055511151231257827, and nothing says which amount was meant."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.model.jsonvalues import parse_json
from complaintkit.model.money import Money
from complaintkit.policy.supplied import stored_facts


def _body(written: str) -> str:
    return (
        '{"channel": "api", "external_id": "1", "received_at": "2026-11-23T09:00:00+00:00",'
        f' "customer": {{"id": "c-1"}}, "text": "late", "amount": {{"amount": {written},'
        ' "currency": "KWD"}}'  # three places: a complaint's amount is in its currency's units
    )


def _amount(written: str) -> Decimal:
    money = Complaint.from_json(parse_json(_body(written))).amount
    assert money is not None
    return money.amount


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("12.5", "12.5"),
        ("12.50", "12.50"),
        ("0.1", "0.1"),
        ("33.335", "33.335"),
        ("123456789012345.12", "123456789012345.12"),  # more digits than a float holds
        ("1.5E+2", "150"),
        ("1E+2", "100"),
    ],
)
def test_an_amount_written_as_a_json_number_is_read_exactly(written: str, read: str) -> None:
    assert _amount(written) == Decimal(read)
    if "E" not in written:
        assert str(_amount(written)) == read  # its places as written, not a float's digits


@given(st.decimals(min_value=0, max_value=Decimal("999999999999999"), places=2))
def test_any_amount_reads_the_same_as_a_json_number_and_as_text(value: Decimal) -> None:
    assert _amount(str(value)) == _amount(f'"{value}"') == value


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("12.123456789", "more than 8 decimal places"),
        ("1" * 40 + ".5", "more than 15 digits before the decimal point"),
        ("-12.5", "negative"),
    ],
)
def test_a_json_number_amount_out_of_bounds_is_refused_as_text_is(written: str, why: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        _amount(written)
    with pytest.raises(InvalidInput) as as_text:
        _amount(f'"{written}"')
    assert refused.value.field == as_text.value.field
    assert why in refused.value.message


def test_a_very_long_json_number_is_refused_quickly() -> None:
    with pytest.raises(InvalidInput) as refused:
        _amount("0." + "1" * 200_000)
    assert refused.value.field == "amount.amount"


def test_a_float_from_python_is_still_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        Money(12.5, "CNY")
    assert 'write it as text, "12.5"' in refused.value.message


def test_a_whole_amount_written_as_a_number_is_read() -> None:
    assert str(_amount("12")) == "12"


def test_money_in_attributes_written_as_a_json_number_is_kept_as_its_text() -> None:
    """Attributes are stored as JSON and read back as plain floats: a Money attribute keeps
    the amount's text, so a decision on the case read back from storage reads it exactly."""
    body = _body('"12.5"')[:-1] + ', "attributes": {"loss": {"amount": 12.50, "currency": "CNY"}}}'
    complaint = Complaint.from_json(parse_json(body))
    assert complaint.attributes["loss"] == {"amount": "12.50", "currency": "CNY"}


def test_money_facts_written_as_a_json_number_are_kept_as_their_text() -> None:
    facts = stored_facts(parse_json('{"loss": {"amount": 0.10, "currency": "CNY"}, "n": 1.5}'))
    assert facts == {"loss": {"amount": "0.10", "currency": "CNY"}, "n": 1.5}


@pytest.mark.parametrize("channel", [None, "api"])
def test_a_json_line_reads_a_json_number_amount_as_an_http_body_does(channel: str | None) -> None:
    body = _body("99.90")
    if channel is not None:
        body = body.replace('"channel": "api", ', "")
    amount = JsonLinesChannel(channel).complaint(body.encode()).amount
    assert amount == Money("99.90", "KWD")
    assert str(amount) == "99.90 KWD"
