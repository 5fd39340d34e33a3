import json
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.model.money import Money
from complaintkit.testing.strategies import complaints


def valid(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "channel": "web",
        "external_id": "W-1",
        "received_at": "2026-11-23T09:30:00+08:00",
        "customer": {"id": "C1", "name": "王女士"},
        "text": "牛奶变质",
        "amount": {"amount": "12.80", "currency": "CNY"},
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@given(complaints())
def test_json_round_trip(complaint: Complaint) -> None:
    assert Complaint.from_json(json.loads(json.dumps(complaint.to_json()))) == complaint


@pytest.mark.parametrize("field", ["channel", "external_id", "received_at", "customer", "text"])
def test_missing_required_field_is_named(field: str) -> None:
    data = valid()
    del data[field]
    with pytest.raises(InvalidInput, match=f"^{field}: is required"):
        Complaint.from_json(data)


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(InvalidInput, match="^received_at: .* has no UTC offset"):
        Complaint.from_json(valid(received_at="2026-11-23T09:30:00"))


def test_naive_datetime_object_is_refused() -> None:
    with pytest.raises(InvalidInput, match="timezone-aware"):
        Complaint.from_json(valid(received_at=datetime(2026, 11, 23)))  # noqa: DTZ001 -- the point of the test


def test_negative_amount_is_refused() -> None:
    with pytest.raises(InvalidInput, match="^amount: must not be negative"):
        Complaint.from_json(valid(amount={"amount": "-1", "currency": "CNY"}))


def test_unknown_currency_is_named() -> None:
    with pytest.raises(InvalidInput, match="^amount.currency: 'XYZ' is not an ISO 4217"):
        Complaint.from_json(valid(amount={"amount": "1", "currency": "XYZ"}))


def test_ten_megabyte_text_is_refused() -> None:
    with pytest.raises(InvalidInput, match="^text: is 10,000,000 characters; the limit is 100,000"):
        Complaint.from_json(valid(text="x" * 10_000_000))


def test_unknown_field_is_named() -> None:
    with pytest.raises(InvalidInput, match="^customer.email: is not a known field"):
        Complaint.from_json(valid(customer={"id": "C1", "email": "a@b.c"}))


def test_blank_customer_id_is_named() -> None:
    with pytest.raises(InvalidInput, match="^customer.id: is required"):
        Complaint.from_json(valid(customer={"id": "  "}))


def test_float_amount_is_refused() -> None:
    with pytest.raises(
        InvalidInput, match='^amount.amount: is the number 12.8, .*write it as text, "12.8"'
    ):
        Complaint.from_json(valid(amount={"amount": 12.8, "currency": "CNY"}))


def test_key_is_channel_and_external_id() -> None:
    assert Complaint.from_json(valid()).key == ("web", "W-1")


def test_a_customer_that_is_not_one_is_named() -> None:
    complaint = Complaint.from_json(valid())
    with pytest.raises(InvalidInput, match=r"^customer: must be a Customer \(got dict\)"):
        attrs.evolve(complaint, customer={"id": "c1"})  # type: ignore[arg-type]


def test_an_amount_in_full_width_digits_is_refused_naming_it() -> None:
    with pytest.raises(InvalidInput, match=r"^amount\.amount: .*ASCII digits"):
        Complaint.from_json(
            valid(amount={"amount": "\uff11\uff12.\uff18\uff10", "currency": "CNY"})
        )


def _refused_field(build: Callable[[], object]) -> str | None:
    try:
        build()
    except InvalidInput as refused:
        return refused.field
    return None


def _both_ways(amount: Decimal) -> tuple[str | None, str | None]:
    """The field each way of building a complaint refuses ``amount`` at (None: taken)."""
    data = valid(amount={"amount": str(amount), "currency": "CNY"})
    from_json = _refused_field(lambda: Complaint.from_json(data))
    built = Complaint.from_json(valid(amount=None))
    in_python = _refused_field(lambda: attrs.evolve(built, amount=Money(amount, "CNY")))
    return from_json, in_python


@pytest.mark.parametrize(
    ("amount", "field"),
    [
        (Decimal("1e30"), "amount.amount"),
        (Decimal("1E+15"), "amount.amount"),
        (Decimal("1e-20"), "amount.amount"),
        (Decimal(0.1), "amount.amount"),  # noqa: RUF032 - a float: 55 decimal places
        (Decimal("-1"), "amount"),
        (Decimal("999999999999999.99999999"), "amount.amount"),  # finer than CNY is paid
        (Decimal("999999999999999.99"), None),
        (Decimal("12.80"), None),
    ],
)
def test_a_complaint_built_in_python_takes_only_amounts_json_intake_takes(
    amount: Decimal, field: str | None
) -> None:
    assert _both_ways(amount) == (field, field)


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_any_amount_is_taken_or_refused_alike_from_json_and_in_python(amount: Decimal) -> None:
    from_json, in_python = _both_ways(amount)
    assert from_json == in_python
