"""The online shop's ladder checked against instants worked out by hand (plain datetime
and zoneinfo, never the engine): a Shanghai calendar open 09:00-18:00 on weekdays with
China's holidays, a case received on the eve of 国庆 2026 (1-7 October off, Saturday
10 October a make-up working day). Received Wednesday 30 September 16:00:

- first_response, 6 business hours: 2h on the 30th, 4h on Thursday 8 October: 13:00;
  half of it (``nudge``) at 10:00 on the 8th;
- ``urgent_only``, 8 business hours since opened: 15:00 on the 8th;
- resolution, 3 business days after the day of receipt: the 8th, 9th and the make-up
  Saturday 10th, ending at 18:00 on the 10th (29 working hours)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy

SHOP = Path(__file__).parents[2] / "policies" / "ecommerce" / "online-shop.yaml"
CHILD = """\
extends: SHOP
name: shop-escalation-by-hand
calendars:
  cn: {timezone: Asia/Shanghai, hours: {mon-fri: ["09:00-18:00"]}, holiday_country: CN}
sla:
  calendar: cn
  warnings: []
  targets:
    - {first_response: 6 business hours, resolution: 3 business days}
escalation:
  ladders:
    - name: standard
      levels:
        - name: nudge
          trigger: {sla: first_response, elapsed: 0.5}
          actions: [{notify: {role: owner, template: esc}}]
        - name: supervisor
          trigger: {sla: first_response, elapsed: 1.0}
          actions:
            - {add_tags: [unanswered]}
            - {reassign: {owner: zhou.zhuguan}}
            - {notify: {role: team_lead, template: esc}}
        - name: urgent_only
          trigger: {since: opened, after: 8 business hours}
          when: {field: case.priority, ==: urgent}
          actions: [{notify: {role: manager, template: esc}}]
        - name: director
          trigger: {sla: resolution, elapsed: 1.0}
          actions:
            - {raise_priority: urgent}
            - {add_tags: [escalated]}
            - {notify: {role: manager, template: esc}}
templates:
  esc:
    zh:
      subject: "升级 {case.id}"
      body: "负责人 {case.owner} | 首次回复 {case.first_response_due} | 解决 {case.resolution_due} | 优先级 {case.priority}"
notifications:
  contacts:
    managers: [zhou.zhuguan@shop.example, boss@shop.example]
    owners:
      lin.kefu: lin.kefu@shop.example
      zhou.zhuguan: zhou.zhuguan@shop.example
      chen.xin: chen.xin@shop.example
    team_leads: {support: support-lead@shop.example}
"""
Z = ZoneInfo("Asia/Shanghai")
RECEIVED = datetime(2026, 9, 30, 16, 0, tzinfo=Z)
NUDGE = datetime(2026, 10, 8, 10, 0, tzinfo=Z)
FIRST_RESPONSE = datetime(2026, 10, 8, 13, 0, tzinfo=Z)
URGENT_ONLY = datetime(2026, 10, 8, 15, 0, tzinfo=Z)
RESOLUTION = datetime(2026, 10, 10, 18, 0, tzinfo=Z)
SECOND = timedelta(seconds=1)


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Desk:
    path = tmp_path / "policy.yaml"
    path.write_text(CHILD.replace("SHOP", SHOP.as_posix()), encoding="utf-8")
    return Desk(load_policy(path), storage="memory:", clock=ManualClock(RECEIVED))


def at(desk: Desk, when: datetime) -> None:
    assert isinstance(desk.clock, ManualClock)
    desk.clock.set(when)


def open_case(desk: Desk) -> str:
    complaint = {
        "channel": "web",
        "external_id": "w-1",
        "received_at": RECEIVED.isoformat(),
        "customer": {"id": "c-1", "name": "王女士", "contact": "wang@example.cn"},
        "text": "客服态度差, 一直不回复",
    }
    case = desk.intake(complaint)
    assert (case.owner, case.team, case.priority) == ("lin.kefu", "support", "normal")
    return case.id


def ladder(desk: Desk, case_id: str) -> list[tuple[str, str, datetime]]:
    return [
        (e.kind, e.data["level"], datetime.fromisoformat(e.data["due_at"]))
        for e in desk.history(case_id)
        if e.kind in ("escalated", "escalation_skipped")
    ]


def letters(desk: Desk, event: str = "notification_requested") -> list[dict[str, Any]]:
    return [
        dict(d.outgoing.payload)
        for d in desk.storage.deliveries("pending")
        if d.outgoing.payload.get("event") == event
    ]


def shown(instant: datetime) -> str:
    return instant.astimezone(Z).strftime("%Y-%m-%d %H:%M +08:00")


def test_a_late_sweep_fires_each_level_once_in_time_order_at_its_own_instant(
    desk: Desk,
) -> None:
    case_id = open_case(desk)
    at(desk, datetime(2026, 10, 12, 9, 0, tzinfo=Z))
    assert not desk.tick().failed
    assert ladder(desk, case_id) == [
        ("escalated", "nudge", NUDGE),
        ("escalated", "supervisor", FIRST_RESPONSE),
        ("escalation_skipped", "urgent_only", URGENT_ONLY),
        ("escalated", "director", RESOLUTION),
    ]
    case = desk.get(case_id)
    assert case.owner == "zhou.zhuguan"
    assert {"unanswered", "escalated"} <= set(case.tags)
    assert case.priority == "urgent"
    at(desk, datetime(2026, 10, 20, 9, 0, tzinfo=Z))
    desk.tick()
    assert len(ladder(desk, case_id)) == 4  # each once


def test_a_late_sweeps_letters_go_to_whom_each_level_found_at_its_instant(desk: Desk) -> None:
    """Sweeps every minute would have told lin.kefu of the nudge while the case was still
    normal; the late sweep's letters must say the same, not read the case as the later
    levels left it."""
    case_id = open_case(desk)
    at(desk, datetime(2026, 10, 12, 9, 0, tzinfo=Z))
    desk.tick()
    due = f"首次回复 {shown(FIRST_RESPONSE)} | 解决 {shown(RESOLUTION)}"
    got = sorted((p["role"], p["to"], p["subject"], p["body"]) for p in letters(desk))
    subject = f"升级 {case_id}"
    assert got == [
        ("manager", "boss@shop.example", subject, f"负责人 zhou.zhuguan | {due} | 优先级 urgent"),
        (
            "manager",
            "zhou.zhuguan@shop.example",
            subject,
            f"负责人 zhou.zhuguan | {due} | 优先级 urgent",
        ),
        ("owner", "lin.kefu@shop.example", subject, f"负责人 lin.kefu | {due} | 优先级 normal"),
        (
            "team_lead",
            "support-lead@shop.example",
            subject,
            f"负责人 zhou.zhuguan | {due} | 优先级 normal",
        ),
    ]


def test_sweeps_on_time_fire_at_each_instant_and_overdue_levels_only_after_it(
    desk: Desk,
) -> None:
    case_id = open_case(desk)
    at(desk, NUDGE - SECOND)
    desk.tick()
    assert ladder(desk, case_id) == []
    at(desk, NUDGE)
    desk.tick()
    assert [p["to"] for p in letters(desk)] == ["lin.kefu@shop.example"]
    at(desk, FIRST_RESPONSE)
    desk.tick()
    assert [level for _, level, _ in ladder(desk, case_id)] == ["nudge"]  # 1.0: after it
    at(desk, FIRST_RESPONSE + SECOND)
    desk.tick()
    assert [level for _, level, _ in ladder(desk, case_id)] == ["nudge", "supervisor"]
    assert desk.get(case_id).owner == "zhou.zhuguan"


def test_resolved_one_second_before_the_level_is_never_escalated(desk: Desk) -> None:
    case_id = open_case(desk)
    at(desk, datetime(2026, 10, 8, 11, 0, tzinfo=Z))
    desk.respond(case_id, "您好, 我们正在处理。", actor="lin.kefu")
    at(desk, RESOLUTION - SECOND)  # Saturday 10 October, the make-up working day
    desk.resolve(case_id, "已道歉并改进客服流程", actor="lin.kefu")
    at(desk, datetime(2026, 10, 20, 9, 0, tzinfo=Z))
    desk.tick()
    assert ladder(desk, case_id) == [
        ("escalated", "nudge", NUDGE),
        ("escalation_skipped", "urgent_only", URGENT_ONLY),
    ]
    assert desk.get(case_id).priority == "normal"


def test_a_level_waits_out_a_pause_and_fires_on_the_time_left(desk: Desk) -> None:
    """Paused Friday 9 October 09:00 with 11 of 29 working hours used; resumed Monday 12th
    09:00, the 18 left run to Tuesday 13th 18:00."""
    case_id = open_case(desk)
    at(desk, datetime(2026, 10, 8, 11, 0, tzinfo=Z))
    desk.respond(case_id, "您好, 请提供订单号。", actor="lin.kefu")
    at(desk, datetime(2026, 10, 9, 9, 0, tzinfo=Z))
    desk.transition(case_id, "waiting_on_customer", actor="lin.kefu")
    at(desk, datetime(2026, 10, 11, 12, 0, tzinfo=Z))
    desk.tick()
    assert "director" not in [level for _, level, _ in ladder(desk, case_id)]
    at(desk, datetime(2026, 10, 12, 9, 0, tzinfo=Z))
    desk.transition(case_id, "investigating", actor="lin.kefu")
    resumed_due = datetime(2026, 10, 13, 18, 0, tzinfo=Z)
    at(desk, resumed_due)
    desk.tick()
    assert "director" not in [level for _, level, _ in ladder(desk, case_id)]
    at(desk, resumed_due + SECOND)
    desk.tick()
    assert ladder(desk, case_id)[-1] == ("escalated", "director", resumed_due)


def test_a_reopened_case_continues_its_ladder_on_the_time_resolution_had_left(
    desk: Desk,
) -> None:
    """Resolved Friday 9 October 09:00 with 18 working hours left; reopened Wednesday 14th
    09:00, resolution resumes (the time it stood stopped is a pause): due Thursday 15th
    18:00. first_response starts a new cycle of 6 business hours, to 15:00 on the 14th,
    so ``supervisor``, which the first answer kept from firing, fires now; ``nudge``
    fired once and does not fire again."""
    case_id = open_case(desk)
    at(desk, datetime(2026, 10, 8, 11, 0, tzinfo=Z))
    desk.respond(case_id, "您好, 我们正在处理。", actor="lin.kefu")
    at(desk, datetime(2026, 10, 9, 9, 0, tzinfo=Z))
    desk.resolve(case_id, "已道歉", actor="lin.kefu")
    at(desk, datetime(2026, 10, 14, 9, 0, tzinfo=Z))
    desk.reopen(case_id, actor="lin.kefu", reason="顾客不满意")
    due = datetime(2026, 10, 15, 18, 0, tzinfo=Z)
    at(desk, due + SECOND)
    desk.tick()
    assert ladder(desk, case_id) == [
        ("escalated", "nudge", NUDGE),
        ("escalation_skipped", "urgent_only", URGENT_ONLY),
        ("escalated", "supervisor", datetime(2026, 10, 14, 15, 0, tzinfo=Z)),
        ("escalated", "director", due),
    ]


def test_levels_overdue_at_a_change_send_letters_as_each_level_left_the_case(
    desk: Desk,
) -> None:
    """No sweep ran; the first response at 14:00 on the 8th fires ``nudge`` (10:00) and
    ``supervisor`` (13:00) inside the change. The nudge's letter to the owner goes to
    lin.kefu, whom ``supervisor`` had not yet replaced, as a sweep at 10:00 would have
    sent it; neither letter reads the first-response clock the reply stopped after them."""
    case_id = open_case(desk)
    at(desk, datetime(2026, 10, 8, 14, 0, tzinfo=Z))
    desk.respond(case_id, "您好, 我们正在处理。", actor="lin.kefu")
    assert [level for _, level, _ in ladder(desk, case_id)] == ["nudge", "supervisor"]
    assert desk.get(case_id).owner == "zhou.zhuguan"
    due = f"首次回复 {shown(FIRST_RESPONSE)} | 解决 {shown(RESOLUTION)}"
    got = sorted((p["role"], p["to"], p["body"]) for p in letters(desk))
    assert got == [
        ("owner", "lin.kefu@shop.example", f"负责人 lin.kefu | {due} | 优先级 normal"),
        ("team_lead", "support-lead@shop.example", f"负责人 zhou.zhuguan | {due} | 优先级 normal"),
    ]


def test_a_changes_own_letters_read_the_case_as_the_whole_change_left_it(
    tmp_path: Path,
) -> None:
    """A rule on ``responded`` writing to the owner is the change's own letter: it goes to
    the owner after the change, whom the overdue ``supervisor`` made zhou.zhuguan."""
    rule = '  rules:\n    - {"on": responded, notify: [owner], via: log, template: esc}\n'
    text = CHILD.replace("SHOP", SHOP.as_posix())
    path = tmp_path / "policy.yaml"
    path.write_text(text.replace("notifications:\n", "notifications:\n" + rule), "utf-8")
    desk = Desk(load_policy(path), storage="memory:", clock=ManualClock(RECEIVED))
    case_id = open_case(desk)
    at(desk, datetime(2026, 10, 8, 14, 0, tzinfo=Z))
    desk.respond(case_id, "您好, 我们正在处理。", actor="lin.kefu")
    got = [(p["role"], p["to"], p["body"]) for p in letters(desk, "responded")]
    after = f"负责人 zhou.zhuguan | 首次回复  | 解决 {shown(RESOLUTION)} | 优先级 normal"
    assert got == [("owner", "zhou.zhuguan@shop.example", after)]
    assert [p["to"] for p in letters(desk)] == [
        "lin.kefu@shop.example",  # nudge, then supervisor: outbox rows in event order
        "support-lead@shop.example",
    ]


def test_a_late_reassignment_stands_and_the_levels_before_it_write_to_whom_they_found(
    desk: Desk,
) -> None:
    """No sweep ran; at 14:00 on the 8th a manager gives the case to chen.xin of qa. ``nudge``
    (10:00) and ``supervisor`` (13:00) fell due while lin.kefu held it: sweeps on time
    would have written the nudge to lin.kefu, given the case to zhou.zhuguan at 13:00, and
    the 14:00 assignment would then have given it to chen.xin. The late change must leave
    the same case and send the same letters, none of them to chen.xin."""
    case_id = open_case(desk)
    at(desk, datetime(2026, 10, 8, 14, 0, tzinfo=Z))
    desk.assign(case_id, "chen.xin", team="qa", actor="zhang.jingli")
    assert desk.get(case_id).owner == "chen.xin"
    assert [level for _, level, _ in ladder(desk, case_id)] == ["nudge", "supervisor"]
    due = f"首次回复 {shown(FIRST_RESPONSE)} | 解决 {shown(RESOLUTION)}"
    got = sorted((p["role"], p["to"], p["body"]) for p in letters(desk))
    assert got == [
        ("owner", "lin.kefu@shop.example", f"负责人 lin.kefu | {due} | 优先级 normal"),
        ("team_lead", "support-lead@shop.example", f"负责人 zhou.zhuguan | {due} | 优先级 normal"),
    ]


def test_a_reply_at_the_very_instant_a_level_falls_due_comes_after_it(desk: Desk) -> None:
    """A sweep at 10:00 on the 8th fires ``nudge``; a reply stamped 10:00 that reaches the
    store first must leave what the sweep and then the reply leave: which of the two comes
    first at one instant is a race, and the history must not depend on it."""
    case_id = open_case(desk)
    at(desk, NUDGE)
    desk.respond(case_id, "您好, 我们正在处理。", actor="lin.kefu")
    assert ladder(desk, case_id) == [("escalated", "nudge", NUDGE)]
    assert [p["to"] for p in letters(desk)] == ["lin.kefu@shop.example"]
    kinds = [e.kind for e in desk.history(case_id)]
    assert kinds.index("escalated") < kinds.index("responded")


def test_a_reply_at_the_deadline_meets_it_and_no_overdue_level_fires(desk: Desk) -> None:
    case_id = open_case(desk)
    at(desk, FIRST_RESPONSE)
    desk.respond(case_id, "您好, 我们正在处理。", actor="lin.kefu")
    assert [level for _, level, _ in ladder(desk, case_id)] == ["nudge"]
    assert not [e for e in desk.history(case_id) if e.kind == "sla_breached"]
    assert desk.get(case_id).owner == "lin.kefu"


LEVELS = (NUDGE, FIRST_RESPONSE + SECOND, URGENT_ONLY, RESOLUTION + SECOND)
#: A change at every instant a level or deadline falls due, and at any minute of six days.
WHEN = st.one_of(
    st.sampled_from([NUDGE, FIRST_RESPONSE, FIRST_RESPONSE + SECOND, URGENT_ONLY, RESOLUTION]),
    st.integers(min_value=0, max_value=6 * 24 * 60).map(
        lambda minutes: datetime(2026, 10, 8, 9, 0, tzinfo=Z) + timedelta(minutes=minutes)
    ),
)
CHANGES: dict[str, Callable[[Desk, str], object]] = {
    "respond": lambda desk, case_id: desk.respond(
        case_id, "您好, 我们正在处理。", actor="lin.kefu"
    ),
    "update": lambda desk, case_id: desk.update(case_id, "已联系仓库", actor="lin.kefu"),
    "note": lambda desk, case_id: desk.note(case_id, "查询中", actor="lin.kefu"),
    "assign": lambda desk, case_id: desk.assign(
        case_id, "chen.xin", team="qa", actor="zhang.jingli"
    ),
    "investigate": lambda desk, case_id: desk.transition(
        case_id, "investigating", actor="lin.kefu"
    ),
    "withdraw": lambda desk, case_id: desk.transition(case_id, "withdrawn", actor="lin.kefu"),
}


@pytest.fixture(name="new_desk", scope="module")
def new_desk_fixture(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], Desk]:
    """Desks on one policy, loaded once; a function, so hypothesis shows no policy."""
    path = tmp_path_factory.mktemp("ladder") / "policy.yaml"
    path.write_text(CHILD.replace("SHOP", SHOP.as_posix()), encoding="utf-8")
    policy = load_policy(path)
    return lambda: Desk(policy, storage="memory:", clock=ManualClock(RECEIVED))


@settings(max_examples=60, deadline=None)
@given(when=WHEN, change=st.sampled_from(sorted(CHANGES)))
def test_a_change_leaves_what_sweeps_on_time_and_the_same_change_would_have(
    new_desk: Callable[[], Desk], when: datetime, change: str
) -> None:
    """Whenever the first change after the opening comes, without a sweep before it, it
    fires the levels, sends the letters and leaves the owner, priority and tags that sweeps
    at each level's instant (one at the change's own instant too) and the same change
    would have."""
    seen: list[object] = []
    for swept in (False, True):
        desk = new_desk()
        case_id = open_case(desk)
        for instant in LEVELS if swept else ():
            if instant <= when:  # a sweep at the change's instant comes first, or not
                at(desk, instant)
                desk.tick()
        at(desk, when)
        CHANGES[change](desk, case_id)
        at(desk, RESOLUTION + timedelta(days=3))
        desk.tick()  # what is left falls due the same
        case = desk.get(case_id)
        sent = [(p["role"], p["to"], p["body"]) for p in letters(desk)]
        seen.append((ladder(desk, case_id), sent, case.owner, case.priority, sorted(case.tags)))
    assert seen[0] == seen[1]
