"""An approval threshold weighs what the whole case pays, not one proposal's part of it.

A row decided again on a case pays only what it adds to its earlier offers, so weighing each
proposal on its own let a 1,200 voucher be paid in three steps of 400 under a policy that
needs a supervisor above 500, none of them ever approved.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.desk.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.money import Money
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage

SECTION = {
    "currency": "CNY",
    "rules": [
        {
            "id": "goodwill",
            "when": {"field": "voucher", "exists": True},
            "remedies": [{"kind": "voucher", "amount": {"percent": 100, "of": "voucher"}}],
        },
    ],
    "approvals": [{"above": 500, "role": "supervisor"}, {"above": 2000, "role": "director"}],
}


@attrs.frozen
class CompensatingPolicy(EmptyPolicy):
    compensation: CompensationPolicy | None = None


def _desk(storage: str, folder: Path) -> Desk:
    store = MemoryStorage() if storage == "memory" else SQLiteStorage(f"sqlite:///{folder}/c.db")
    policy = CompensatingPolicy(compensation=compile_section(SECTION))
    return Desk(policy, storage=store, clock=ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC)))


@pytest.fixture(params=["memory", "sqlite"])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> Desk:
    return _desk(request.param, tmp_path)


def _complaint(n: int = 1) -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": f"x-{n}",
        "received_at": "2026-11-23T09:00:00+00:00",
        "customer": {"id": "c-1"},
        "text": "broken on arrival",
    }


def _voucher(amount: int) -> dict[str, object]:
    return {"voucher": Money(str(amount), "CNY")}


def test_a_voucher_raised_in_steps_needs_the_approval_of_its_whole(desk: Desk) -> None:
    case = desk.intake(_complaint())
    desk.propose_compensation(case.id, _voucher(400), actor="li.na")
    desk.offer_compensation(case.id, "comp-1", actor="li.na")
    desk.accept_compensation(case.id, "comp-1", actor="customer")
    case = desk.propose_compensation(case.id, _voucher(800), actor="li.na")
    second = case.compensation[1]
    assert second["decision"]["total"]["amount"] == "400.00"  # what it adds
    assert second["approvals_needed"] == ["supervisor"]  # the case pays 800 in all
    with pytest.raises(InvalidInput, match="supervisor"):
        desk.offer_compensation(case.id, "comp-2", actor="li.na")
    desk.approve_compensation(case.id, "comp-2", actor="wang", role="supervisor")
    desk.offer_compensation(case.id, "comp-2", actor="li.na")


def test_money_declined_is_not_weighed(desk: Desk) -> None:
    case = desk.intake(_complaint())
    desk.propose_compensation(case.id, _voucher(400), actor="li.na")
    desk.offer_compensation(case.id, "comp-1", actor="li.na")
    desk.decline_compensation(case.id, "comp-1", actor="customer")
    case = desk.propose_compensation(case.id, _voucher(450), actor="li.na")
    assert case.compensation[1]["approvals_needed"] == []


@settings(max_examples=25, deadline=None)
@given(steps=st.lists(st.integers(min_value=1, max_value=3000), min_size=1, max_size=5))
def test_no_case_pays_above_a_threshold_its_role_never_approved(
    tmp_path_factory: pytest.TempPathFactory, steps: list[int]
) -> None:
    """Proposals of a rising voucher, each offered and accepted as soon as it may be: money
    above a threshold is only ever paid on a case its role approved something on."""
    desk = _desk("memory", tmp_path_factory.mktemp("d"))
    case = desk.intake(_complaint())
    for n, amount in enumerate(sorted(steps), start=1):
        case = desk.propose_compensation(case.id, _voucher(amount), actor="li.na")
        entry = case.compensation[-1]
        for role in entry["approvals_needed"]:
            case = desk.approve_compensation(case.id, f"comp-{n}", actor=f"boss-{role}", role=role)
        desk.offer_compensation(case.id, f"comp-{n}", actor="li.na")
        case = desk.accept_compensation(case.id, f"comp-{n}", actor="customer")
    paid = sum(
        float(e["decision"]["total"]["amount"])
        for e in case.compensation
        if e["status"] == "accepted"
    )
    approved = {a["role"] for e in case.compensation for a in e.get("approvals", [])}
    assert paid == max(steps)
    if paid > 500:
        assert "supervisor" in approved or "director" in approved
    if paid > 2000:
        assert "director" in approved


def test_explain_says_the_case_total_was_weighed(desk: Desk) -> None:
    case = desk.intake(_complaint())
    desk.propose_compensation(case.id, _voucher(400), actor="li.na")
    desk.offer_compensation(case.id, "comp-1", actor="li.na")
    decision = desk.decide_compensation(case.id, _voucher(800))
    assert decision.total == Money("400.00", "CNY")
    assert "with what the case already offers or gave, 800.00 CNY, above 500.00 CNY" in (
        decision.explain()
    )
