"""``system`` is the actor of what the policy does by itself — SLA clocks, escalations,
classification — which a replay makes afresh from the candidate rather than plays back. A
step a caller records as ``system`` (an auto-responder's first answer, a script closing
cases) was stored, and every replay then left it out: replaying the policy in force showed
the case unanswered, unassigned, still running its clocks. Such a step is refused naming
``actor``, nothing stored; a step an automation takes under its own name is played back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.case import RootCause
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store

SHOP = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
POLICY = load_policy(SHOP)
T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)

STEPS: dict[str, Callable[[Desk, str, str], object]] = {
    "respond": lambda d, c, a: d.respond(c, "自动回复,已收到您的投诉", actor=a),
    "update": lambda d, c, a: d.update(c, "处理中", actor=a),
    "note": lambda d, c, a: d.note(c, "自动备注", actor=a),
    "assign": lambda d, c, a: d.assign(c, "qa.zhou", team="quality", actor=a),
    "move": lambda d, c, a: d.transition(c, "investigating", actor=a, reason="自动"),
    "withdraw": lambda d, c, a: d.transition(c, "withdrawn", actor=a, reason="自动"),
    "resolve": lambda d, c, a: d.resolve(c, "已退款", actor=a),
    "root_cause": lambda d, c, a: d.record_root_cause(
        c, RootCause("process", ("排班不足",), "incidental"), actor=a
    ),
    "event": lambda d, c, a: d.record_event(c, "holding_reply", actor=a),
    "facts": lambda d, c, a: d.set_facts(c, {"fault": "merchant"}, actor=a),
    "propose": lambda d, c, a: d.propose_compensation(c, actor=a),
}


def _desk() -> tuple[Desk, ManualClock, str]:
    clock = ManualClock(T0)
    desk = Desk(POLICY, storage="memory:", clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "w-1",
            "customer": {"id": "c-1"},
            "received_at": T0.isoformat(),
            "text": "收银员态度很差",
        }
    )
    clock.advance(timedelta(minutes=10))
    return desk, clock, case.id


@pytest.mark.parametrize("step", sorted(STEPS))
def test_a_step_recorded_as_system_is_refused_naming_actor(step: str) -> None:
    desk, clock, case_id = _desk()
    if step == "resolve":  # from a status a resolution may follow
        desk.transition(case_id, "investigating", actor="li.na", reason="核查")
        clock.advance(timedelta(minutes=1))
    before = desk.history(case_id)
    with pytest.raises(InvalidInput) as refused:
        STEPS[step](desk, case_id, "system")
    assert refused.value.field == "actor"
    assert "system" in refused.value.message
    assert desk.history(case_id) == before


def test_the_moves_after_an_answer_are_refused_as_system_too() -> None:
    desk, clock, case_id = _desk()
    desk.respond(case_id, "您好", actor="li.na")
    desk.resolve(case_id, "已处理", actor="li.na")
    steps: tuple[Callable[[], object], ...] = (
        lambda: desk.follow_up(case_id, 5, actor="system"),
        lambda: desk.follow_up_refused(case_id, actor="system"),
        lambda: desk.close(case_id, actor="system"),
        lambda: desk.reopen(case_id, actor="system", reason="客户再次来电"),
    )
    for step in steps:
        clock.advance(timedelta(minutes=1))
        before = desk.history(case_id)
        with pytest.raises(InvalidInput) as refused:
            step()
        assert refused.value.field == "actor"
        assert desk.history(case_id) == before


def test_an_incident_flagged_by_the_system_is_still_recorded() -> None:
    desk, _, case_id = _desk()
    case = desk.flag_incident(case_id, {"product": "bread", "count": 5})
    assert desk.history(case_id)[-1].kind == "incident_detected"
    assert case.version == len(desk.history(case_id))


def test_an_automation_under_its_own_name_replays_unchanged() -> None:
    desk, clock, case_id = _desk()
    desk.respond(case_id, "自动回复,已收到您的投诉", actor="autoresponder")
    clock.advance(timedelta(minutes=10))
    desk.assign(case_id, "qa.zhou", team="quality", actor="routing-bot")
    clock.advance(timedelta(minutes=10))
    desk.resolve(case_id, "已退款", actor="refund-bot")
    clock.advance(timedelta(days=10))
    desk.tick()
    replayed = replay_store(desk.storage, POLICY, Plugins(), now=clock.now())
    assert replayed.comparison.changed == 0, replayed.comparison.listed
