"""Money already given on a case for a remedy kind counts, whatever row gave it.

A case was paid a 50 CNY late-delivery voucher under row ``late_voucher``; the policy then
renamed the row (``late-delivery-voucher``, the same voucher) and the case was reopened and
decided again: it paid the whole 50 again, where the policy in force owes 50 in all. The
same happened when the case's facts moved it to another row paying the same kind."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import attrs

from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.desk.desk import Desk
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.storage.memory import MemoryStorage

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


@attrs.frozen
class _Paying(EmptyPolicy):
    compensation: CompensationPolicy | None = None


def _policy(*rows: tuple[str, str]) -> _Paying:
    section = {
        "currency": "CNY",
        "hit_policy": "first",
        "rules": [
            {
                "id": row,
                "when": {"field": "days_late", ">=": 1 if row != "very-late" else 3},
                "remedies": [{"kind": "voucher", "amount": amount}],
            }
            for row, amount in rows
        ],
    }
    return _Paying(compensation=compile_section(section))


def _complaint() -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": "late-parcel",
        "received_at": NOW.isoformat(),
        "customer": {"id": "c-1"},
        "text": "the parcel came late",
        "amount": {"amount": "199.00", "currency": "CNY"},
    }


def _settle(desk: Desk, case_id: str, facts: dict[str, object]) -> Decimal:
    entry = desk.propose_compensation(case_id, facts, actor="li.na").compensation[-1]
    desk.offer_compensation(case_id, entry["id"], actor="li.na")
    desk.accept_compensation(case_id, entry["id"], actor="customer:c-1")
    return Decimal(entry["decision"]["total"]["amount"])


def _accepted(desk: Desk, case_id: str) -> Decimal:
    return sum(
        (
            Decimal(e["decision"]["total"]["amount"])
            for e in desk.get(case_id).compensation
            if e["status"] == "accepted"
        ),
        Decimal(0),
    )


def _close(desk: Desk, case_id: str) -> None:
    desk.transition(case_id, "investigating", actor="li.na")
    desk.resolve(case_id, "voucher sent", actor="li.na")
    desk.close(case_id, actor="li.na")


def test_a_row_renamed_by_a_policy_change_does_not_pay_again_on_a_reopened_case() -> None:
    storage, clock = MemoryStorage(), ManualClock(NOW)
    before = Desk(_policy(("late_voucher", "50")), storage=storage, clock=clock)
    case = before.intake(_complaint())
    assert _settle(before, case.id, {"days_late": 2}) == Decimal("50.00")
    _close(before, case.id)
    after = Desk(_policy(("late-delivery-voucher", "50")), storage=storage, clock=clock)
    after.reopen(case.id, actor="li.na", reason="the customer came back")
    again = after.propose_compensation(case.id, {"days_late": 2}, actor="li.na")
    decision = again.compensation[-1]["decision"]
    assert decision["total"]["amount"] == "0.00"
    (voucher,) = decision["remedies"]
    assert voucher["already"] == {"amount": "50.00", "currency": "CNY"}
    assert any("late_voucher" in step for step in voucher["steps"])


def test_a_renamed_row_worth_more_pays_only_what_it_adds() -> None:
    storage, clock = MemoryStorage(), ManualClock(NOW)
    before = Desk(_policy(("late_voucher", "50")), storage=storage, clock=clock)
    case = before.intake(_complaint())
    _settle(before, case.id, {"days_late": 2})
    _close(before, case.id)
    after = Desk(_policy(("late-delivery-voucher", "80")), storage=storage, clock=clock)
    after.reopen(case.id, actor="li.na", reason="the customer came back")
    assert _settle(after, case.id, {"days_late": 2}) == Decimal("30.00")
    assert _accepted(after, case.id) == Decimal("80.00")


def test_a_case_moved_to_another_row_of_the_same_kind_is_paid_what_that_row_owes() -> None:
    desk = Desk(
        _policy(("very-late", "80"), ("late", "50")),
        storage=MemoryStorage(),
        clock=ManualClock(NOW),
    )
    case = desk.intake(_complaint())
    _settle(desk, case.id, {"days_late": 1})  # row late: 50
    assert _settle(desk, case.id, {"days_late": 4}) == Decimal("30.00")  # very-late owes 80
    assert _accepted(desk, case.id) == Decimal("80.00")
