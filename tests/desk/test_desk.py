from datetime import timedelta
from typing import Any

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import CaseEnded, FollowUpLocked, InvalidInput, NotFound
from complaintkit.hookspecs import hookimpl
from complaintkit.model.case import RootCause
from complaintkit.model.lifecycle import Status
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint


def test_empty_policy_gives_every_case_an_owner(memory_desk: Desk) -> None:
    case = memory_desk.intake(make_complaint("a"))
    assert case.owner == "complaints-desk"
    assert case.category == "uncategorised"
    assert [e.kind for e in memory_desk.history(case.id)] == ["opened", "classified", "assigned"]
    assigned = memory_desk.history(case.id)[-1]
    assert assigned.reason == "assigned to complaints-desk"  # no policy routed it


def test_intake_accepts_plain_json(memory_desk: Desk) -> None:
    case = memory_desk.intake(make_complaint("a").to_json())
    assert case.complaint.external_id == "a"


def test_bad_complaint_stores_nothing(memory_desk: Desk) -> None:
    data = make_complaint("a").to_json()
    data["received_at"] = "2026-11-23T09:00:00"
    with pytest.raises(InvalidInput, match="received_at"):
        memory_desk.intake(data)
    assert list(memory_desk.storage.case_ids()) == []


def test_first_response_acknowledges_and_is_timed(
    memory_desk: Desk, manual_clock: ManualClock
) -> None:
    case = memory_desk.intake(make_complaint("a"))
    manual_clock.advance(timedelta(minutes=30))
    case = memory_desk.respond(case.id, "我们已收到", actor="li.na")
    assert case.status is Status.ACKNOWLEDGED
    assert case.first_response_at == manual_clock.now()
    manual_clock.advance(timedelta(minutes=30))
    case = memory_desk.respond(case.id, "second", actor="li.na")
    assert case.first_response_at == manual_clock.now() - timedelta(minutes=30)


def test_every_change_records_actor_time_and_reason(
    memory_desk: Desk, manual_clock: ManualClock
) -> None:
    case = memory_desk.intake(make_complaint("a"))
    manual_clock.advance(timedelta(hours=1))
    memory_desk.transition(case.id, "investigating", actor="li.na", reason="batch check")
    event = memory_desk.history(case.id)[-1]
    assert (event.kind, event.actor, event.at, event.reason) == (
        "transitioned",
        "li.na",
        manual_clock.now(),
        "batch check",
    )
    assert event.data == {"from": "received", "to": "investigating"}


def test_full_lifecycle_with_root_cause_and_follow_up(memory_desk: Desk) -> None:
    case = memory_desk.intake(make_complaint("a"))
    memory_desk.respond(case.id, "收到", actor="li.na")
    memory_desk.transition(case.id, "investigating", actor="li.na")
    cause = RootCause("process", ("冷链断开", "报警未巡检"), "systemic", "120 boxes withdrawn")
    memory_desk.record_root_cause(case.id, cause, actor="qa.zhou")
    memory_desk.resolve(case.id, "全额退款", actor="li.na")
    memory_desk.follow_up(case.id, 4, "还行", actor="li.na")
    case = memory_desk.close(case.id, actor="li.na")
    assert case.status is Status.CLOSED
    assert case.root_cause == cause
    assert case.resolution == "全额退款"
    assert case.satisfaction is not None
    assert case.satisfaction.score == 4
    reopened = memory_desk.reopen(case.id, actor="li.na", reason="problem came back")
    assert reopened.status is Status.REOPENED
    assert reopened.closed_at is None


def test_follow_up_before_resolution_is_refused(memory_desk: Desk) -> None:
    case = memory_desk.intake(make_complaint("a"))
    with pytest.raises(FollowUpLocked, match="follow up after it is resolved"):
        memory_desk.follow_up(case.id, 5, actor="li.na")


@pytest.mark.parametrize("score", [0, 6, True, "5"])
def test_satisfaction_outside_one_to_five_is_refused(memory_desk: Desk, score: Any) -> None:
    case = memory_desk.intake(make_complaint("a"))
    memory_desk.transition(case.id, "investigating", actor="x")
    memory_desk.resolve(case.id, "done", actor="x")
    with pytest.raises(InvalidInput, match="satisfaction.score"):
        memory_desk.follow_up(case.id, score, actor="x")


def _ended(desk: Desk, ending: str) -> str:
    case = desk.intake(make_complaint(f"ended-{ending}"))
    if ending == "closed":
        desk.respond(case.id, "收到", actor="li.na")
        desk.resolve(case.id, "退款", actor="li.na")
    desk.transition(case.id, ending, actor="li.na")
    return case.id


@pytest.mark.parametrize("ending", ["withdrawn", "rejected", "closed"])
@pytest.mark.parametrize("method", ["respond", "update"])
def test_no_reply_or_update_is_sent_on_a_case_that_ended(
    memory_desk: Desk, ending: str, method: str
) -> None:
    """The customer withdrew it, or it was rejected or closed: a reply would reach them (and
    their status page) as if it were still worked on; nothing is stored."""
    case_id = _ended(memory_desk, ending)
    before = memory_desk.history(case_id)
    with pytest.raises(CaseEnded, match=ending):
        getattr(memory_desk, method)(case_id, "我们还在处理", actor="li.na")
    assert memory_desk.history(case_id) == before
    assert memory_desk.get(case_id).status.value == ending


def test_a_closed_case_reopened_is_answered_again(memory_desk: Desk) -> None:
    case_id = _ended(memory_desk, "closed")
    memory_desk.reopen(case_id, actor="li.na", reason="problem came back")
    assert memory_desk.update(case_id, "我们重新核查", actor="li.na").status is Status.REOPENED
    assert memory_desk.respond(case_id, "已重新处理", actor="li.na").status is Status.INVESTIGATING


def test_an_internal_note_is_kept_on_a_case_that_ended(memory_desk: Desk) -> None:
    case_id = _ended(memory_desk, "withdrawn")
    assert memory_desk.note(case_id, "客户撤诉后来电致谢", actor="li.na").version > 0


def test_blank_actor_is_refused(memory_desk: Desk) -> None:
    case = memory_desk.intake(make_complaint("a"))
    with pytest.raises(InvalidInput, match="named actor"):
        memory_desk.note(case.id, "x", actor=" ")


def test_root_cause_needs_one_to_five_whys() -> None:
    with pytest.raises(InvalidInput, match="between 1 and 5"):
        RootCause("process", (), "systemic")


def test_find_by_status_and_owner(memory_desk: Desk) -> None:
    a = memory_desk.intake(make_complaint("a"))
    memory_desk.intake(make_complaint("b"))
    memory_desk.assign(a.id, "amy.store", actor="lead")
    assert [c.id for c in memory_desk.find(owner="amy.store")] == [a.id]
    assert len(memory_desk.find(status="received")) == 2


def test_unknown_case_is_not_found(memory_desk: Desk) -> None:
    with pytest.raises(NotFound, match="CK-NOPE"):
        memory_desk.respond("CK-NOPE", "x", actor="li.na")


class Recorder:
    def __init__(self) -> None:
        self.kinds: list[str] = []

    @hookimpl
    def case_event(self, event: Any, case: Any) -> None:
        self.kinds.append(event.kind)


class Override:
    @hookimpl
    def classify_complaint(self, complaint: Any, proposed: dict[str, Any]) -> dict[str, Any]:
        return {"category": "delivery", "priority": "urgent"}


def test_hook_case_event_sees_every_event(manual_clock: ManualClock) -> None:
    pm = plugin_manager(load_entrypoints=False)
    recorder = Recorder()
    pm.register(recorder)
    desk = Desk(storage="memory:", clock=manual_clock, plugins=Plugins(pm))
    case = desk.intake(make_complaint("a"))
    desk.respond(case.id, "收到", actor="li.na")
    assert recorder.kinds == [e.kind for e in desk.history(case.id)]


def test_hook_classify_complaint_overrides_policy(manual_clock: ManualClock) -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Override())
    desk = Desk(storage="memory:", clock=manual_clock, plugins=Plugins(pm))
    case = desk.intake(make_complaint("a"))
    assert (case.category, case.priority, case.severity) == ("delivery", "urgent", "normal")
    assert "overridden by plugin " in desk.history(case.id)[1].reason  # naming it
