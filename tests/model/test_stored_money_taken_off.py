"""The money a stored decision took off for earlier offers (a remedy's ``already``) and the
price it held refunds to (``inputs.paid``) are read as Decimals when the case is offered
(``desk.compensation``, ``desk.compensation_short``), as its other amounts are; edited to
what no amount is (``abc``, ``NaN``, ``1e999999999``) they were let through when the case
was read, and offering it then ended in a ``decimal.InvalidOperation`` traceback (``abc``
taken off) or compared NaN. Such a case is now read as damaged, naming the field, as one
whose total is so edited already was; a negative amount taken off is refused as a negative
total is, while an input (a fact may be below zero) is not."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import attrs
import pytest

from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.desk.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.case import Case
from complaintkit.model.complaint import Complaint, Customer
from complaintkit.model.money import Money
from complaintkit.policy.assessment import EmptyPolicy

T0 = datetime(2026, 11, 23, 9, tzinfo=UTC)
SECTION = {
    "currency": "CNY",
    "rules": [
        {
            "id": "goodwill",
            "remedies": [
                {"kind": "voucher", "amount": {"percent": 100, "of": "voucher"}},
                {"kind": "refund", "amount": {"percent": 100, "of": "refund", "default": 0}},
            ],
        }
    ],
}
NO_AMOUNTS = ["abc", "NaN", "-Infinity", "1e999999999"]


@attrs.frozen
class _Policy(EmptyPolicy):
    compensation: CompensationPolicy | None = None


def _stored_case() -> dict[str, Any]:
    """A case whose second proposal took the first offer's 50.00 off (``already``)."""
    desk = Desk(
        _Policy(compensation=compile_section(SECTION)), storage="memory:", clock=ManualClock(T0)
    )
    case = desk.intake(Complaint("web", "e1", T0, Customer("c1"), "broken"))
    facts = {"voucher": Money("50.00", "CNY"), "paid": Money("80.00", "CNY")}
    first = desk.propose_compensation(case.id, facts, actor="agent").compensation[-1]
    desk.offer_compensation(case.id, first["id"], actor="agent")
    facts["voucher"] = Money("70.00", "CNY")
    desk.propose_compensation(case.id, facts, actor="agent")
    return desk.get(case.id).to_json()


STORED = _stored_case()


@pytest.mark.parametrize("written", NO_AMOUNTS)
@pytest.mark.parametrize(
    ("where", "field"),
    [
        (("decision", "remedies", 0, "already"), "compensation[1].decision.remedies[0].already"),
        (("decision", "inputs", "paid"), "compensation[1].decision.inputs.paid"),
    ],
)
def test_a_stored_amount_taken_off_or_held_to_that_is_no_money_is_damaged(
    written: str, where: tuple[object, ...], field: str
) -> None:
    data = copy.deepcopy(STORED)
    money: Any = data["compensation"][1]
    for key in where:
        money = money[key]
    assert money["currency"] == "CNY"
    money["amount"] = written
    with pytest.raises(InvalidInput) as refused:
        Case.from_stored(data)
    assert refused.value.field == field


def test_a_negative_amount_taken_off_is_damaged_and_a_negative_input_is_read() -> None:
    data = copy.deepcopy(STORED)
    data["compensation"][1]["decision"]["remedies"][0]["already"]["amount"] = "-5"
    with pytest.raises(InvalidInput, match="must not be negative"):
        Case.from_stored(data)
    data = copy.deepcopy(STORED)
    data["compensation"][1]["decision"]["inputs"]["paid"]["amount"] = "-5"
    assert Case.from_stored(data).compensation[1]["decision"]["inputs"]["paid"]["amount"] == "-5"


def test_the_amounts_as_stored_are_read() -> None:
    case = Case.from_stored(copy.deepcopy(STORED))
    [voucher, _] = case.compensation[1]["decision"]["remedies"]
    assert voucher["already"] == {"amount": "50.00", "currency": "CNY"}
