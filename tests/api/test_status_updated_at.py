"""The customer's view says when their case last changed for them: a status, a response
sent to them, a complaint they added. An internal note, a new owner or an SLA warning is
no change they see, and must not show that something happened behind the desk."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from complaintkit.api.status_view import customer_view
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint
from complaintkit.testing.storage_contract import T0, make_complaint


def _view(desk: Desk, case_id: str) -> dict[str, Any]:
    return customer_view(desk.get(case_id), desk.history(case_id), desk.clock.now())


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


def test_every_instant_of_the_view_is_in_one_zone() -> None:
    """Deadlines were given in the customer's zone and the rest in UTC: '2026-11-23T01:00Z'
    beside '2026-11-24T09:00+08:00' made the customer do sums."""
    shanghai = timezone(timedelta(hours=8))
    received = T0.astimezone(shanghai)
    desk = Desk(storage="memory:", clock=ManualClock(T0 + timedelta(hours=1)))
    complaint = Complaint.from_json(
        {**make_complaint("U-2").to_json(), "received_at": received.isoformat()}
    )
    case = desk.intake(complaint)
    desk.respond(case.id, "已安排", actor="li.na")
    view = _view(desk, case.id)
    instants = [view["opened_at"], view["updated_at"], *(u["at"] for u in view["updates"])]
    assert all(str(at).endswith("+08:00") for at in instants), instants
    assert datetime.fromisoformat(str(view["opened_at"])) == case.opened_at
