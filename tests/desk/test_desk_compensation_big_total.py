"""A proposal whose remedies are each within what money holds (15 digits before the point)
can total more: its approvals are weighed on the total as stored, so it can be approved,
rejected and offered, not left unanswerable."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import attrs
import pytest

from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.desk.desk import Desk
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.storage.sqlite import SQLiteStorage

SECTION = {
    "currency": "CNY",
    "rules": [
        {
            "id": "unsafe-food",
            "remedies": [
                {"kind": "refund", "full": True},
                {"kind": "statutory_damages", "amount": {"multiple": 1, "of": "price"}},
            ],
        }
    ],
    "approvals": [{"above": 1000, "role": "supervisor"}],
}


@attrs.frozen
class CompensatingPolicy(EmptyPolicy):
    compensation: CompensationPolicy | None = None


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    policy = CompensatingPolicy(compensation=compile_section(SECTION))
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    return Desk(policy, storage=SQLiteStorage(f"sqlite:///{tmp_path}/c.db"), clock=clock)


def _proposed(desk: Desk) -> str:
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "x-1",
            "received_at": "2026-11-23T09:00:00+00:00",
            "customer": {"id": "c-1"},
            "text": "spoiled",
            "amount": {"amount": "999999999999999.99", "currency": "CNY"},
        }
    )
    proposed = desk.propose_compensation(case.id, {}, actor="li.na")
    total = proposed.compensation[0]["decision"]["total"]
    assert total == {"amount": "1999999999999999.98", "currency": "CNY"}
    return case.id


def test_a_total_beyond_fifteen_digits_can_be_approved_and_offered(desk: Desk) -> None:
    case_id = _proposed(desk)
    desk.approve_compensation(case_id, "comp-1", role="supervisor", actor="wang")
    offered = desk.offer_compensation(case_id, "comp-1", actor="li.na")
    assert offered.compensation[0]["status"] == "offered"


def test_a_total_beyond_fifteen_digits_can_be_rejected(desk: Desk) -> None:
    case_id = _proposed(desk)
    rejected = desk.reject_compensation(
        case_id, "comp-1", role="supervisor", actor="wang", reason="check the price"
    )
    assert rejected.compensation[0]["status"] == "rejected"
