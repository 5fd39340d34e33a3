"""A case holding several complaints (a later one added to it, ``complaint_added``) is
compensated for all of them: its ``amount`` is the sum of its complaints' amounts, and
``price``/``paid`` default to that sum. Amounts in two currencies cannot be added without a
rate, so deciding is refused naming both."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from compensation_helpers import NOW, make_case
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.compensation.policy import compile_section
from complaintkit.errors import InvalidInput
from complaintkit.model.case import Case
from complaintkit.model.history import APPLIERS

REFUND_ALL = compile_section(
    {
        "currency": "CNY",
        "rules": [
            {
                "id": "back",
                "remedies": [{"kind": "refund", "amount": {"percent": 100, "of": "paid"}}],
            }
        ],
    }
)


def _with(*amounts: tuple[str | None, str]) -> Case:
    cases = [make_case(a, c, customer="c-1") for a, c in amounts]
    complaints = tuple(
        attrs.evolve(case.complaint, external_id=f"e-{i}") for i, case in enumerate(cases)
    )
    return attrs.evolve(cases[0], complaints=complaints)


def test_the_refund_covers_every_complaint_of_the_case() -> None:
    decision = REFUND_ALL.decide(_with(("100.00", "CNY"), ("50.00", "CNY")), None, now=NOW)
    assert decision.total.amount == Decimal("150.00")
    assert decision.inputs["amount"].amount == Decimal("150.00")


def test_a_complaint_without_an_amount_adds_nothing() -> None:
    decision = REFUND_ALL.decide(_with(("100.00", "CNY"), (None, "CNY")), None, now=NOW)
    assert decision.total.amount == Decimal("100.00")


def test_amounts_in_two_currencies_are_refused_naming_both() -> None:
    with pytest.raises(InvalidInput) as refused:
        REFUND_ALL.decide(_with(("100.00", "CNY"), ("20.00", "USD")), None, now=NOW)
    assert refused.value.field == "complaint.amount"
    assert "100.00 CNY" in refused.value.message
    assert "20.00 USD" in refused.value.message


@given(st.lists(st.decimals(min_value=0, max_value=10**6, places=2), min_size=1, max_size=5))
def test_the_case_amount_is_the_sum_of_its_complaints(amounts: list[Decimal]) -> None:
    case = _with(*((str(a), "CNY") for a in amounts))
    decision = REFUND_ALL.decide(case, None, now=NOW)
    assert decision.total.amount == sum(amounts, Decimal(0))


def test_a_complaint_added_by_its_event_counts() -> None:
    case = make_case("100.00", customer="c-1")
    later = attrs.evolve(make_case("30.00", customer="c-1").complaint, external_id="later")
    assert later.amount is not None
    APPLIERS["complaint_added"](case, {"complaint": later.to_json()})
    assert REFUND_ALL.decide(case, None, now=NOW).total.amount == Decimal("130.00")
