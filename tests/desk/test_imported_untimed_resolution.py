"""A complaint imported resolved without its resolution time gets no made-up one: no
``resolved_at`` for reports to count as a resolution in no time, and no SLA clock stopped
"met" at an instant the record never gave."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.clocks import Clocks
from complaintkit.model.history import replay
from complaintkit.model.lifecycle import Status
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _complaint(**history: Any) -> dict[str, Any]:
    return {
        "channel": "old-desk",
        "external_id": "T-1",
        "received_at": "2026-10-20T10:00:00+08:00",
        "customer": {"id": "C1"},
        "text": "The milk was spoiled when I opened it",
        "history": history,
    }


@pytest.mark.parametrize(
    "history",
    [
        {"status": "resolved"},
        {"status": "follow_up", "outcome": "refunded"},
        {"status": "resolved", "first_response_at": "2026-10-21T10:00:00+08:00"},
    ],
)
def test_a_resolution_without_its_time_is_not_timed(history: dict[str, Any]) -> None:
    desk = Desk(load_policy("policies/retail/supermarket.yaml"), clock=ManualClock(NOW))
    case = desk.intake(_complaint(**history))
    assert case.status is Status(history["status"])
    assert case.resolved_at is None
    assert (case.clocks, case.next_deadline) == (Clocks(), None)
    assert replay(desk.history(case.id)).to_json() == case.to_json()
    assert desk.tick().events == 0
    result = replay_store(desk.storage, desk.policy, Plugins())
    assert (result.comparison.cases, result.comparison.listed) == (1, [])
