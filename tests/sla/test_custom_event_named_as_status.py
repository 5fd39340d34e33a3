"""A custom event named as a case status (``resolved``, ``rejected``, ``reopened``) was
recorded, and the SLA engine reads a signal of a status's name as the case reaching it:
``record_event(case_id, "resolved")`` on a case still ``received`` stopped its
resolution clock as met, ``rejected`` stopped every clock, and a policy's ``upon:`` or
``since:`` of that name fired without the case moving. Such a name is now refused, saying
to move the case or to name the event otherwise; the case is left as it was."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sla_helpers import complaint, make_desk

from complaintkit.errors import InvalidInput
from complaintkit.model.custom_events import custom_draft
from complaintkit.model.lifecycle import Status

RECEIVED = datetime(2026, 3, 2, 10, tzinfo=UTC)
DOCUMENT = {"sla": {"targets": [{"first_response": "24h", "resolution": "48h"}]}}


@pytest.mark.parametrize("status", [s.value for s in Status])
def test_a_custom_event_may_not_take_a_status_name(status: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        custom_draft(status, "jo")
    assert status in str(raised.value)
    assert "status" in str(raised.value)


@pytest.mark.parametrize("status", ["resolved", "rejected", "reopened", "closed"])
def test_refusing_one_leaves_the_clocks_running(status: str) -> None:
    desk, clock = make_desk(DOCUMENT, start=RECEIVED)
    case_id = desk.intake(complaint(at=RECEIVED)).id
    clock.set(datetime(2026, 3, 2, 12, tzinfo=UTC))
    before = desk.get(case_id)
    with pytest.raises(InvalidInput):
        desk.record_event(case_id, status, actor="jo")
    after = desk.get(case_id)
    assert after.version == before.version
    assert {name: state.state for name, state in after.clocks.metrics.items()} == {
        "first_response": "running",
        "resolution": "running",
    }


def test_a_name_beside_a_status_is_still_an_event() -> None:
    assert custom_draft("resolved_note", "jo").kind == "resolved_note"
