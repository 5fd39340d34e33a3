"""The customer's view says when their case last changed for them: a status, a response
sent to them, a complaint they added. An internal note, a new owner or an SLA warning is
no change they see, and must not show that something happened behind the desk."""

from __future__ import annotations

from datetime import timedelta

from complaintkit.api.status_view import customer_view
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.testing.storage_contract import T0, make_complaint


def _view(desk: Desk, case_id: str) -> dict[str, object]:
    return customer_view(desk.get(case_id), desk.history(case_id))


def test_updated_at_moves_with_what_the_customer_sees_only() -> None:
    clock = ManualClock(T0 + timedelta(minutes=5))
    desk = Desk(storage="memory:", clock=clock)
    case = desk.intake(make_complaint("U-1"))
    opened = _view(desk, case.id)["updated_at"]
    assert opened == case.opened_at.isoformat()

    clock.advance(timedelta(hours=1))
    desk.note(case.id, "客户很难缠 internal only", actor="li.na")
    desk.assign(case.id, "li.na", actor="lead")
    assert _view(desk, case.id)["updated_at"] == opened

    responded_at = clock.advance(timedelta(hours=1))
    desk.respond(case.id, "已安排上门检修", actor="li.na")
    assert _view(desk, case.id)["updated_at"] == responded_at.isoformat()

    clock.advance(timedelta(hours=1))
    desk.note(case.id, "another internal note", actor="li.na")
    assert _view(desk, case.id)["updated_at"] == responded_at.isoformat()

    moved_at = clock.advance(timedelta(hours=1))
    desk.transition(case.id, "investigating", actor="li.na")
    assert _view(desk, case.id)["updated_at"] == moved_at.isoformat()
