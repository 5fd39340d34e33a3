"""A case whose acknowledgement is withheld sends its customer nothing on opening: not the
acknowledgement, nor a letter a rule sends on another event of the opening (the
classification, a move the policy makes at once). Its owner is told as usual, and a later
reply reaches the customer."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  acknowledgement: {zh: {subject: "已受理 {case.id}", body: "我们已收到。"}}
  category_notice: {zh: {subject: "分类 {case.id}", body: "{case.category}"}}
  reply: {zh: {subject: "答复 {case.id}", body: "{message}"}}
  owner_notice: {zh: {subject: "新投诉", body: "{case.id}"}}
notifications:
  notifiers: {mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1}}}
  contacts: {owners: {li.na: li.na@shop.example}}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: acknowledgement}
    - {"on": classified, notify: [customer], via: mail, template: category_notice}
    - {"on": opened, notify: [owner], via: mail, template: owner_notice}
    - {"on": responded, notify: [customer], via: mail, template: reply}
"""
)
NOW = datetime(2026, 12, 3, 2, tzinfo=UTC)
COMPLAINT = {
    "channel": "email",
    "external_id": "m1@example.cn",
    "received_at": "2026-12-03T01:00:00Z",
    "customer": {"id": "wang@example.cn", "contact": "wang@example.cn"},
    "text": "我不在办公室",
}


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Desk:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    return Desk(load_policy(path), storage="memory:", clock=ManualClock(NOW))


def sent(desk: Desk) -> list[tuple[str, str]]:
    return sorted(
        (d.outgoing.payload["role"], d.outgoing.payload["data"]["template"])
        for d in desk.storage.deliveries("pending")
    )


def test_every_customer_letter_of_the_opening_is_sent_when_not_withheld(desk: Desk) -> None:
    desk.intake(COMPLAINT)
    assert sent(desk) == [
        ("customer", "acknowledgement"),
        ("customer", "category_notice"),
        ("owner", "owner_notice"),
    ]


def test_withheld_holds_every_customer_letter_of_the_opening(desk: Desk) -> None:
    case = desk.intake(COMPLAINT, acknowledgement_withheld="Auto-Submitted: auto-replied")
    assert sent(desk) == [("owner", "owner_notice")]
    desk.respond(case.id, "您好, 请问还需要帮助吗", actor="li.na")
    assert sent(desk) == [("customer", "reply"), ("owner", "owner_notice")]


def test_withheld_in_a_batch_holds_only_its_own_letters(desk: Desk) -> None:
    other = {**COMPLAINT, "external_id": "m2@example.cn"}
    desk.intake_many([COMPLAINT, other], withheld={0: "Precedence: bulk"})
    assert sent(desk) == [
        ("customer", "acknowledgement"),
        ("customer", "category_notice"),
        ("owner", "owner_notice"),
        ("owner", "owner_notice"),
    ]
