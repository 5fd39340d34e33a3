"""An amount in a currency without minor units written with a point before three digits
(``"1.000"`` JPY, ``"150.000"`` VND) is how Vietnam, Indonesia, Germany and others group
thousands: it was read as 1 JPY and 150 VND, a thousandth of what the customer paid, and
every refund and percentage of it a thousandth too. Money read from outside input
(``Money.from_json``: a complaint's amount, a money fact) refuses it, naming the field and
both readings, as ``"1,000"`` is refused; a currency with three places (KWD) reads it as
written, and so does one written without the ambiguity (``"1000"``, ``"1"``, ``"1.5"``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.model.money import MINOR_UNITS, Money

NO_MINOR_UNITS = sorted(c for c, places in MINOR_UNITS.items() if places == 0)


@pytest.mark.parametrize(("written", "currency"), [("1.000", "JPY"), ("150.000", "VND")])
def test_a_point_grouping_thousands_is_refused_naming_both_readings(
    written: str, currency: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        Money.from_json({"amount": written, "currency": currency})
    assert refused.value.field == "amount.amount"
    plain = written.replace(".", "")
    assert f"'{plain}'" in refused.value.message
    assert currency in refused.value.message


def test_a_complaint_of_such_an_amount_is_refused_naming_its_field() -> None:
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json(
            {
                "channel": "web",
                "external_id": "T-1",
                "received_at": "2026-11-23T09:00:00+07:00",
                "customer": {"id": "C1"},
                "text": "giá quá cao",
                "amount": {"amount": "150.000", "currency": "VND"},
            }
        )
    assert refused.value.field == "amount.amount"


@pytest.mark.parametrize(
    ("written", "currency"),
    [("1.000", "KWD"), ("1.000", "CLF"), ("1000", "JPY"), ("1", "JPY"), ("1.5", "JPY")],
)
def test_amounts_without_the_ambiguity_are_read_as_written(written: str, currency: str) -> None:
    assert (
        Money.from_json({"amount": written, "currency": currency}).amount
        == Money(written, currency).amount
    )


@given(
    currency=st.sampled_from(NO_MINOR_UNITS),
    whole=st.integers(min_value=1, max_value=999),
    fraction=st.integers(min_value=0, max_value=999),
)
def test_no_point_before_three_digits_is_read_in_a_currency_without_minor_units(
    currency: str, whole: int, fraction: int
) -> None:
    with pytest.raises(InvalidInput):
        Money.from_json({"amount": f"{whole}.{fraction:03d}", "currency": currency})
