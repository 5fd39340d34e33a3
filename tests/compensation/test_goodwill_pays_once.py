"""Goodwill pays once per case, whatever form it takes.

Voucher, credit and cash are one thing to the customer: what the organisation chose to
give. A case paid 50 CNY cash under row ``goodwill``, the policy since changed to give the
same 50 as a voucher, and decided again, was paid a 50 voucher on top: counted by kind,
the voucher saw no earlier voucher. The same happened to two proposals decided before
either was offered, one under each policy."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.desk.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.storage.memory import MemoryStorage

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)
GOODWILL = ("voucher", "credit", "cash")


@attrs.frozen
class _Paying(EmptyPolicy):
    compensation: CompensationPolicy | None = None


def _desk(storage: MemoryStorage, *remedies: tuple[str, int]) -> Desk:
    section = {
        "currency": "CNY",
        "rules": [{"id": "goodwill", "remedies": [{"kind": k, "amount": a} for k, a in remedies]}],
    }
    policy = _Paying(compensation=compile_section(section))
    return Desk(policy, storage=storage, clock=ManualClock(NOW))


def _intake(desk: Desk) -> str:
    complaint: dict[str, Any] = {
        "channel": "web",
        "external_id": "late-parcel",
        "received_at": NOW.isoformat(),
        "customer": {"id": "c-1"},
        "text": "the parcel came late",
    }
    return desk.intake(complaint).id


def _settle(desk: Desk, case_id: str) -> dict[str, Any]:
    entry = desk.propose_compensation(case_id, actor="li.na").compensation[-1]
    desk.offer_compensation(case_id, entry["id"], actor="li.na")
    desk.accept_compensation(case_id, entry["id"], actor="customer:c-1")
    return dict(entry)


def _goodwill_given(desk: Desk, case_id: str) -> Decimal:
    return sum(
        (
            Decimal(r["amount"]["amount"])
            for e in desk.get(case_id).compensation
            if e["status"] in ("offered", "accepted")
            for r in e["decision"]["remedies"]
            if r["kind"] in GOODWILL and r.get("amount")
        ),
        Decimal(0),
    )


def test_goodwill_paid_as_cash_is_not_paid_again_as_a_voucher() -> None:
    storage = MemoryStorage()
    case_id = _intake(before := _desk(storage, ("cash", 50)))
    _settle(before, case_id)
    again = _settle(_desk(storage, ("voucher", 50)), case_id)
    [voucher] = again["decision"]["remedies"]
    assert voucher["amount"] == {"amount": "0.00", "currency": "CNY"}
    assert voucher["already"] == {"amount": "50.00", "currency": "CNY"}
    assert any("already offered 50.00 CNY" in step for step in voucher["steps"])
    assert _goodwill_given(before, case_id) == Decimal(50)


def test_goodwill_raised_in_another_form_pays_what_it_adds() -> None:
    storage = MemoryStorage()
    case_id = _intake(before := _desk(storage, ("voucher", 30)))
    _settle(before, case_id)
    again = _settle(_desk(storage, ("credit", 20), ("cash", 60)), case_id)
    assert again["decision"]["total"] == {"amount": "50.00", "currency": "CNY"}
    assert _goodwill_given(before, case_id) == Decimal(80)


def test_two_proposals_of_goodwill_in_two_forms_are_not_both_offered() -> None:
    storage = MemoryStorage()
    case_id = _intake(cash := _desk(storage, ("cash", 50)))
    voucher = _desk(storage, ("voucher", 50))
    cash.propose_compensation(case_id, actor="li.na")
    voucher.propose_compensation(case_id, actor="li.na")
    voucher.offer_compensation(case_id, "comp-1", actor="li.na")
    with pytest.raises(InvalidInput, match="again"):
        voucher.offer_compensation(case_id, "comp-2", actor="li.na")
    assert _goodwill_given(cash, case_id) == Decimal(50)


def test_goodwill_in_another_form_is_not_paid_short_once_the_first_is_declined() -> None:
    storage = MemoryStorage()
    case_id = _intake(cash := _desk(storage, ("cash", 50)))
    cash.propose_compensation(case_id, actor="li.na")
    cash.offer_compensation(case_id, "comp-1", actor="li.na")
    voucher = _desk(storage, ("voucher", 50))
    voucher.propose_compensation(case_id, actor="li.na")  # 0.00: the cash stands
    cash.decline_compensation(case_id, "comp-1", actor="customer:c-1")
    with pytest.raises(InvalidInput, match="short"):
        voucher.offer_compensation(case_id, "comp-2", actor="li.na")


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(GOODWILL), st.integers(0, 200)), min_size=1, max_size=4))
def test_goodwill_settled_again_and_again_holds_the_most_any_policy_owed(
    versions: list[tuple[str, int]],
) -> None:
    storage = MemoryStorage()
    case_id = _intake(_desk(storage, versions[0]))
    for version in versions:
        _settle(desk := _desk(storage, version), case_id)
    assert _goodwill_given(desk, case_id) == max(amount for _, amount in versions)
