"""A clock started or restarted while the case waits in one of its pause statuses starts
paused: the wait does not count, whichever signal started it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sla_helpers import START, complaint, make_desk

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy

H = timedelta(hours=1)
SAMR = Path(__file__).parents[2] / "policies" / "regulatory" / "samr-complaints.yaml"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_next_update_restarted_while_waiting_on_the_customer_starts_paused() -> None:
    desk, clock = make_desk({"sla": {"warnings": [], "targets": [{"next_update": "24h"}]}})
    case = desk.intake(complaint())
    desk.respond(case.id, "收到", actor="li.na")
    clock.advance(H)
    desk.transition(case.id, "waiting_on_customer", actor="li.na")
    clock.advance(H)
    desk.update(case.id, "请补充照片", actor="li.na")
    restarted = desk.get(case.id).clocks.metrics["next_update"]
    assert restarted.state == "paused"
    assert restarted.due_at is None
    clock.advance(38 * H)
    desk.tick()
    assert not [e for e in desk.history(case.id) if e.kind == "sla_breached"]
    desk.transition(case.id, "investigating", actor="li.na")
    assert desk.get(case.id).clocks.metrics["next_update"].due_at == START + 64 * H


def test_samr_mediation_accepted_during_testing_waits_for_the_lab() -> None:
    start = datetime(2026, 3, 2, 10, tzinfo=SHANGHAI)
    clock = ManualClock(start)
    desk = Desk(load_policy(SAMR), storage="memory:", clock=clock)
    case = desk.intake(complaint(at=start))
    desk.transition(case.id, "investigating", actor="a")
    clock.set(datetime(2026, 3, 3, 10, tzinfo=SHANGHAI))
    desk.transition(case.id, "waiting_on_third_party", actor="a")  # 送检
    clock.set(datetime(2026, 3, 4, 10, tzinfo=SHANGHAI))
    desk.record_event(case.id, "acceptance_decided", actor="a")
    assert desk.get(case.id).clocks.metrics["mediation"].state == "paused"
    clock.set(datetime(2026, 3, 9, 10, tzinfo=SHANGHAI))
    desk.transition(case.id, "investigating", actor="a")
    mediation = desk.get(case.id).clocks.metrics["mediation"]
    assert mediation.state == "running"
    assert mediation.elapsed == timedelta(0)
    assert mediation.resumed_at == datetime(2026, 3, 9, 2, tzinfo=UTC)
