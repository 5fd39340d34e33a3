"""A recorded status the record's own instants contradict is refused, naming both fields."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.lifecycle import Status
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.base import CaseQuery

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ANSWERED = "2026-01-05T12:00:00+08:00"
RESOLVED = "2026-01-06T10:00:00+08:00"
CLOSED = "2026-01-07T10:00:00+08:00"


def _desk() -> Desk:
    return Desk(load_policy("policies/retail/supermarket.yaml"), clock=ManualClock(NOW))


def _complaint(**history: Any) -> dict[str, Any]:
    return {
        "channel": "old-desk",
        "external_id": "T-1",
        "received_at": "2026-01-05T10:00:00+08:00",
        "customer": {"id": "C1"},
        "text": "the bread was damaged",
        "history": history,
    }


@pytest.mark.parametrize(
    ("status", "instant", "at"),
    [
        ("received", "first_response_at", ANSWERED),
        ("received", "resolved_at", RESOLVED),
        ("acknowledged", "resolved_at", RESOLVED),
        ("investigating", "resolved_at", RESOLVED),
        ("investigating", "closed_at", CLOSED),
        ("waiting_on_customer", "closed_at", CLOSED),
        ("resolved", "closed_at", CLOSED),
        ("follow_up", "closed_at", CLOSED),
    ],
)
def test_a_status_before_a_recorded_instant_is_refused_naming_both(
    status: str, instant: str, at: str
) -> None:
    desk = _desk()
    with pytest.raises(InvalidInput) as refused:
        desk.intake(_complaint(status=status, **{instant: at}))
    assert refused.value.field == "history.status"
    assert f"history.{instant}" in str(refused.value)
    assert desk.storage.count(CaseQuery()) == 0


@pytest.mark.parametrize(
    ("status", "instant", "at"),
    [
        ("acknowledged", "first_response_at", ANSWERED),
        ("investigating", "first_response_at", ANSWERED),
        ("follow_up", "resolved_at", RESOLVED),
        ("closed", "resolved_at", RESOLVED),
        ("reopened", "closed_at", CLOSED),
        ("withdrawn", "closed_at", CLOSED),
        ("rejected", "resolved_at", RESOLVED),
    ],
)
def test_a_status_reached_after_the_recorded_instants_is_taken_in(
    status: str, instant: str, at: str
) -> None:
    case = _desk().intake(_complaint(status=status, **{instant: at}))
    assert case.status is Status(status)
