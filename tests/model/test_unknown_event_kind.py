"""Folding an event: a kind complaintkit does not record is refused unless marked custom
(a newer version's event folded as nothing would rebuild another case, unseen)."""

from __future__ import annotations

import pytest

from complaintkit.desk import Desk
from complaintkit.errors import DamagedRecord, UnknownEventKind
from complaintkit.model.events import CaseEvent
from complaintkit.model.history import replay

COMPLAINT = {
    "channel": "web",
    "external_id": "E-1",
    "received_at": "2026-11-23T09:30:00+08:00",
    "customer": {"id": "c1"},
    "text": "the card was charged twice",
}


def _history_with(kind: str, data: dict[str, object]) -> list[CaseEvent]:
    """A case's real history, then one more event of ``kind`` chained onto it."""
    desk = Desk(storage="memory:")
    case = desk.intake(COMPLAINT)
    desk.record_event(case.id, "holding_reply", actor="amy")
    events = desk.history(case.id)
    last = events[-1]
    extra = CaseEvent.chained(
        case_id=case.id,
        seq=last.seq + 1,
        kind=kind,
        at=last.at,
        actor="amy",
        reason="",
        data=data,
        prev_hash=last.hash,
    )
    return [*events, extra]


def test_an_unknown_kind_not_marked_custom_is_refused_naming_case_event_and_kind() -> None:
    events = _history_with("survey_sent", {"via": "sms"})
    with pytest.raises(UnknownEventKind) as raised:
        replay(events)
    assert isinstance(raised.value, DamagedRecord)  # per-case: readers name it, go on
    seq, case_id = events[-1].seq, events[-1].case_id
    assert str(raised.value).startswith(f"case {case_id} event {seq} has kind 'survey_sent'")


def test_an_unknown_kind_marked_custom_is_counted() -> None:
    case = replay(_history_with("site_visit", {"custom": True}))
    assert case.attributes["events"] == {"holding_reply": 1, "site_visit": 1}


@pytest.mark.parametrize("custom", [False, "true", 1])
def test_custom_means_true_itself(custom: object) -> None:
    with pytest.raises(UnknownEventKind):
        replay(_history_with("site_visit", {"custom": custom}))


@pytest.mark.parametrize(
    "kind", ["noted", "approval_requested", "incident_detected", "notification_requested"]
)
def test_a_recorded_kind_without_an_applier_still_folds_as_nothing(kind: str) -> None:
    events = _history_with(kind, {})
    assert replay(events).version == events[-1].seq
