"""A complaint's amount is what the customer paid, and money changes hands in its
currency's minor units: 100.5 JPY or 1.005 CNY was taken in as written, and compensation
later cut it to 100 JPY and 1.00 CNY. Such an amount is now refused where it enters — the
field, the currency's decimal places and its smallest step named — as a policy's amount so
written is (amount-precision); amounts in whole steps, trailing zeros and all, read as
before."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint, Customer
from complaintkit.model.money import MINOR_UNITS, Money

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def _complaint(amount: str, currency: str) -> Complaint:
    return Complaint.from_json(
        {
            "channel": "web",
            "external_id": "o-1",
            "received_at": NOW.isoformat(),
            "customer": {"id": "c-1"},
            "text": "退款",
            "amount": {"amount": amount, "currency": currency},
        }
    )


@pytest.mark.parametrize(
    ("amount", "currency", "told"),
    [
        ("100.5", "JPY", "JPY has no minor unit: write it in whole steps of 1 JPY"),
        ("1.005", "CNY", "CNY has 2 decimal places: write it in whole steps of 0.01 CNY"),
        ("1.0005", "KWD", "KWD has 3 decimal places: write it in whole steps of 0.001 KWD"),
        ("0.5", "KRW", "KRW has no minor unit: write it in whole steps of 1 KRW"),
    ],
)
def test_an_amount_finer_than_its_currency_is_refused_at_intake(
    amount: str, currency: str, told: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        _complaint(amount, currency)
    assert refused.value.field == "amount.amount"
    assert f"{amount} {currency} is finer than" in refused.value.message
    assert told in refused.value.message


def test_a_complaint_built_in_python_is_held_to_the_same_units() -> None:
    with pytest.raises(InvalidInput) as refused:
        Complaint("web", "o-1", NOW, Customer("c-1"), "退款", amount=Money("100.5", "JPY"))
    assert refused.value.field == "amount.amount"


@pytest.mark.parametrize(
    ("amount", "currency"),
    [("100", "JPY"), ("100.0", "JPY"), ("100.50", "CNY"), ("1.500", "CNY"), ("1.000", "KWD")],
)
def test_amounts_in_whole_steps_read_as_written(amount: str, currency: str) -> None:
    taken = _complaint(amount, currency).amount
    assert taken is not None
    assert taken.amount == Decimal(amount)


@settings(max_examples=50, deadline=None)
@given(
    currency=st.sampled_from(sorted(MINOR_UNITS)),
    units=st.integers(0, 10**9),
    extra=st.integers(1, 9),
)
def test_every_currency_refuses_a_step_finer_than_its_own(
    currency: str, units: int, extra: int
) -> None:
    places = MINOR_UNITS[currency]
    whole = Decimal(units).scaleb(-places)
    assert _complaint(str(whole), currency).amount == Money(whole, currency)
    finer = whole + Decimal(extra).scaleb(-places - 1)
    with pytest.raises(InvalidInput):
        _complaint(str(finer), currency)
