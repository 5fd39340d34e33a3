"""A clock that promises (the first response) starts a new cycle when its case is reopened,
and promises again: from the reopening, not from the complaint's receipt. The promise of a
complaint received on Saturday night and reopened on a Tuesday morning said, in the case's
history and in the event every plugin is told of, 'received outside working hours; we open
at <the Monday before>'; one received on a Monday morning and reopened on Saturday night
named no opening at all. (``received_at`` stays the complaint's receipt.)"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sla_helpers import OFFICE, complaint, make_desk

from complaintkit.desk import Desk
from complaintkit.model.events import CaseEvent

DOCUMENT: dict[str, Any] = {
    "calendars": {"office": OFFICE},
    "sla": {"calendar": "office", "targets": [{"first_response": "4 business hours"}]},
}
SATURDAY_NIGHT = datetime(2026, 3, 7, 12, 0, tzinfo=UTC)  # 20:00 Saturday in Shanghai
MONDAY_MORNING = datetime(2026, 3, 9, 2, 0, tzinfo=UTC)  # 10:00 Monday in Shanghai
TUESDAY_MORNING = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)  # 10:00 Tuesday in Shanghai
NEXT_SATURDAY_NIGHT = SATURDAY_NIGHT + timedelta(days=7)
NEXT_MONDAY_OPENING = datetime(2026, 3, 16, 1, 0, tzinfo=UTC)  # 09:00 Monday in Shanghai


def _promises(received: datetime, answered: datetime, reopened: datetime) -> list[CaseEvent]:
    desk, clock = make_desk(DOCUMENT, start=received)
    case = desk.intake(complaint(at=received))
    clock.set(answered)
    desk.respond(case.id, "我们已收到", actor="li.na")
    _resolve(desk, case.id)
    clock.set(reopened)
    desk.reopen(case.id, actor="li.na", reason="还是坏的")
    return [e for e in desk.history(case.id) if e.kind == "deadline_promised"]


def _resolve(desk: Desk, case_id: str) -> None:
    desk.transition(case_id, "investigating", actor="li.na")
    desk.resolve(case_id, "refunded", actor="li.na")


def test_a_case_reopened_in_working_hours_is_promised_no_opening() -> None:
    first, again = _promises(SATURDAY_NIGHT, MONDAY_MORNING, TUESDAY_MORNING)
    assert first.data["outside_hours"] is True
    assert again.data["outside_hours"] is False
    assert "outside working hours" not in again.reason
    # 10:00-12:00, then the lunch, then 13:30-15:30: four working hours from the reopening
    assert again.data["due_at"] == datetime(2026, 3, 10, 7, 30, tzinfo=UTC).isoformat()
    assert again.data["received_at"] == SATURDAY_NIGHT.isoformat()


def test_a_case_reopened_after_hours_is_promised_the_next_opening() -> None:
    first, again = _promises(MONDAY_MORNING, TUESDAY_MORNING, NEXT_SATURDAY_NIGHT)
    assert first.data["outside_hours"] is False
    assert again.data["outside_hours"] is True
    assert again.data["opens_at"] == "2026-03-16T09:00:00+08:00"  # the calendar's wall clock
    assert datetime.fromisoformat(again.data["opens_at"]) == NEXT_MONDAY_OPENING
    assert "we open at 2026-03-16T09:00:00+08:00" in again.reason
