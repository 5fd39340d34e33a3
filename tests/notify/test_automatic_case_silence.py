"""A case opened by a message software sent (an out-of-office reply) sends its customer no
automatic letter in its whole life — deadline warnings, breaches, escalations, status
changes — since each would be answered by that software; staff are told as usual, and
what an agent writes to the customer by hand is sent."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
sla:
  calendar: 24x7
  warnings: [0.5]
  targets:
    - first_response: 2h
escalation:
  ladders:
    - name: standard
      levels:
        - name: late
          trigger: {sla: first_response, elapsed: 1.0}
          actions:
            - {add_tags: [late]}
            - {notify: {role: customer, template: sorry}}
            - {notify: {role: manager, template: staff}}
templates:
  acknowledgement: {zh: {subject: "已受理 {case.id}", body: "我们已收到。"}}
  sorry: {zh: {subject: "抱歉 {case.id}", body: "处理晚了。"}}
  status: {zh: {subject: "进度 {case.id}", body: "{case.status}"}}
  reply: {zh: {subject: "答复 {case.id}", body: "{message}"}}
  staff: {zh: {subject: "投诉 {case.id}", body: "{event.kind}"}}
notifications:
  notifiers: {mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1}}}
  contacts: {owners: {li.na: li.na@shop.example}, managers: [boss@shop.example]}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: acknowledgement}
    - {"on": opened, notify: [owner], via: mail, template: staff}
    - {"on": sla_warning, notify: [customer, owner], via: mail, template: staff}
    - {"on": sla_breached, notify: [customer, owner], via: mail, template: staff}
    - {"on": escalated, notify: [customer, manager], via: mail, template: staff}
    - {"on": transitioned, notify: [customer, owner], via: mail, template: status}
    - {"on": responded, notify: [customer], via: mail, template: reply}
"""
)
NOW = datetime(2026, 12, 3, 2, tzinfo=UTC)


def mail(automatic: bool) -> bytes:
    header = "Auto-Submitted: auto-replied\r\n" if automatic else ""
    return (
        "From: wang@example.cn\r\nTo: care@shop.example\r\n"
        f"Subject: =?utf-8?b?5LiN5Zyo5Yqe5YWs5a6k?=\r\nMessage-ID: <m1@example.cn>\r\n{header}"
        "Date: Thu, 03 Dec 2026 01:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "\r\n我的订单还没到, 本周不在办公室。\r\n"
    ).encode()


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Iterator[Desk]:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    clock = ManualClock(NOW)
    desk = Desk(load_policy(path), storage=f"sqlite:///{tmp_path / 'c.db'}", clock=clock)
    with desk.storage:
        yield desk


def sent(desk: Desk) -> list[tuple[str, str, str]]:
    return sorted(
        (d.outgoing.payload["role"], d.outgoing.payload["event"], d.outgoing.payload["to"])
        for d in desk.storage.deliveries("pending")
    )


def a_life(desk: Desk, automatic: bool) -> str:
    """Open the case from the mail, tick past its warning, breach and escalation, move it."""
    case = desk.intake(parse_mail(mail(automatic)))
    assert isinstance(desk.clock, ManualClock)
    for hours in (1.5, 3):
        desk.clock.set(NOW + timedelta(hours=hours))
        assert not desk.tick().failed
    desk.transition(case.id, "investigating", actor="li.na")
    return case.id


def test_the_policy_sends_the_customer_letters_on_every_step_of_an_ordinary_case(
    desk: Desk,
) -> None:
    a_life(desk, automatic=False)
    told = {event for role, event, _ in sent(desk) if role == "customer"}
    assert {"opened", "sla_warning", "sla_breached", "escalated", "transitioned"} <= told
    assert "notification_requested" in told


def test_an_automatic_mails_case_sends_its_customer_nothing_automatic_all_its_life(
    desk: Desk,
) -> None:
    case_id = a_life(desk, automatic=True)
    letters = sent(desk)
    assert [letter for letter in letters if letter[0] == "customer"] == []
    staff = {(role, event) for role, event, _ in letters}
    assert {
        ("owner", "opened"),
        ("owner", "sla_warning"),
        ("owner", "sla_breached"),
        ("manager", "escalated"),
        ("manager", "notification_requested"),
        ("owner", "transitioned"),
    } <= staff
    desk.respond(case_id, "您好, 请问订单的事还需要帮助吗?", actor="li.na")
    told = [(event, to) for role, event, to in sent(desk) if role == "customer"]
    assert told == [("responded", "wang@example.cn")]  # written by hand: it goes
