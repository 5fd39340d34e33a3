"""An amount a JSON body or a policy test writes as a number with a point (``"amount":
12.5``) reaches complaintkit as a binary float, which cannot hold every amount exactly
(0.1 + 0.2 is 0.30000000000000004): it is refused, and the refusal tells the writer — who
wrote JSON or YAML, not Python — what to write instead, the amount as text."""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.model.jsonvalues import parse_json


@pytest.mark.parametrize(
    ("written", "text"), [("12.5", '"12.5"'), ("0.1", '"0.1"'), ("33.335", '"33.335"')]
)
def test_an_amount_written_as_a_number_with_a_point_says_to_write_it_as_text(
    written: str, text: str
) -> None:
    body = (
        '{"channel": "api", "external_id": "1", "received_at": "2026-11-23T09:00:00+00:00",'
        f' "customer": {{"id": "c-1"}}, "text": "late", "amount": {{"amount": {written},'
        ' "currency": "CNY"}}'
    )
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json(parse_json(body))
    assert refused.value.field == "amount.amount"
    assert f"write it as text, {text}" in str(refused.value)
    assert "float" not in str(refused.value)


def test_a_whole_amount_written_as_a_number_is_read() -> None:
    body = (
        '{"channel": "api", "external_id": "1", "received_at": "2026-11-23T09:00:00+00:00",'
        ' "customer": {"id": "c-1"}, "text": "late", "amount": {"amount": 12, "currency": "CNY"}}'
    )
    amount = Complaint.from_json(parse_json(body)).amount
    assert amount is not None
    assert str(amount.amount) == "12"
