"""An imported history whose recorded milestone falls at the very instant a warning or level
falls due: as on the Desk, the sweep at that instant comes first (docs/sla.md), so the
import stores what a live case answered at that instant stores.

Found by review: ``fired_before`` fired only what fell due strictly before a milestone, so
a first response recorded at the 80% warning's instant came first and the imported case
had no warning, where the live case had one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.replay.outcome import Outcome
from complaintkit.replay.rehearsal import Rehearsal, SeenHistory

POLICY = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
RECEIVED = datetime(2026, 11, 2, 1, tzinfo=UTC)  # 09:00 in Shanghai, in store hours
#: A late delivery is high priority: answered within 4 store hours, warned at 80%.
WARNED = RECEIVED + timedelta(hours=3, minutes=12)
COMPLAINT = {
    "channel": "web",
    "customer": {"id": "C1"},
    "text": "My delivery was late by two days",
    "received_at": RECEIVED.isoformat(),
}
NOW = RECEIVED + timedelta(days=1)


def _sla_events(events: list[CaseEvent]) -> list[str]:
    """The warnings, levels and the answer in their order (the import fires each at its due
    instant, as a sweep on time; the live Desk here, swept by no one, at the answer)."""
    return [e.kind for e in events if e.kind in ("sla_warning", "escalated", "responded")]


def _live(answered: datetime) -> list[str]:
    clock = ManualClock(RECEIVED)
    desk = Desk(load_policy(POLICY), storage="memory:", clock=clock)
    case = desk.intake({**COMPLAINT, "external_id": "W1"})
    clock.set(answered)
    desk.respond(case.id, "on it", actor="li.na")
    return _sla_events(desk.storage.events(case.id))


@pytest.mark.parametrize("offset", [timedelta(0), timedelta(minutes=-1), timedelta(minutes=1)])
def test_a_milestone_at_a_warnings_instant_comes_after_it(offset: timedelta) -> None:
    answered = WARNED + offset
    desk = Desk(load_policy(POLICY), storage="memory:", clock=ManualClock(NOW))
    history = {"status": "investigating", "first_response_at": answered.isoformat()}
    case = desk.intake({**COMPLAINT, "external_id": "T1", "history": history})
    assert _sla_events(desk.storage.events(case.id)) == _live(answered)
    result = replay_store(desk.storage, desk.policy, Plugins(), horizon=answered)
    assert [(c.case_id, c.changes) for c in result.comparison.listed] == []


@pytest.mark.parametrize("offset", [timedelta(0), timedelta(minutes=-1), timedelta(hours=1)])
def test_a_files_import_is_rehearsed_as_intake_stores_it(offset: timedelta) -> None:
    answered = WARNED + offset
    desk = Desk(load_policy(POLICY), storage="memory:", clock=ManualClock(NOW))
    history = {"status": "investigating", "first_response_at": answered.isoformat()}
    raw = {**COMPLAINT, "external_id": "T1", "history": history}
    stored = desk.intake(raw)
    complaint = Complaint.from_stored(desk.storage.events(stored.id)[0].data["complaint"])
    rehearsal = Rehearsal(desk.policy, Plugins())
    case, events = rehearsal.rerun_complaint(complaint, SeenHistory().at(complaint), NOW, "T1")
    desk.tick()
    expected = Outcome.of(desk.storage.get(stored.id), desk.storage.events(stored.id))
    assert Outcome.of(case, events).to_json() == expected.to_json()
