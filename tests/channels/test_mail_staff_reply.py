"""A member of staff who answers a letter of a case by e-mail (the owner replying to their
notice, or to the customer's letter they were copied on, with the intake mailbox in copy)
is not a customer complaining: the intake opened a case with the owner as its customer,
started its SLA clocks and mailed the owner an acknowledgement ("Dear customer"). Such a
message is now kept as a dead letter naming the case and how to add it there; a member
of staff's own complaint, naming no letter, still opens a case, and a member of staff who
is the case's customer is answered as the customer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from complaintkit.channels import take_in
from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mail_message import parse_mail
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.case import Case
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  acknowledgement: {en: {subject: "We received your complaint {case.id}", body: "Thank you."}}
notifications:
  notifiers:
    mail: {type: smtp, options: {sender: Care <care@shop.example>, host: 127.0.0.1, port: 25}}
  contacts:
    owners: {li.na: li.na@shop.example}
    team_leads: {care: care-lead@shop.example}
    managers: [zhou.zhuguan@shop.example]
  rules:
    - {"on": opened, notify: [customer], via: mail, template: acknowledgement}
    - {"on": opened, notify: [owner], via: mail, template: acknowledgement}
"""
)


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Iterator[Desk]:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    desk = Desk(load_policy(tmp_path / "policy.yaml"), storage=f"sqlite:///{tmp_path / 'c.db'}")
    with desk.storage:
        yield desk


def complaint(desk: Desk, contact: str = "wang@example.cn") -> Case:
    return desk.intake(
        {
            "channel": "web",
            "external_id": f"F-{contact}",
            "customer": {"id": f"C-{contact}", "contact": contact},
            "text": "The fridge does not cool.",
            "received_at": "2026-11-23T01:00:00+00:00",
        }
    )


def letter(desk: Desk, case: Case, role: str) -> str:
    (one,) = [
        d.outgoing
        for d in desk.storage.deliveries(case_id=case.id)
        if d.outgoing.payload["role"] == role
    ]
    return f"<{one.delivery_id}@shop.example>"


def mail(sender: str, answers: str | None, number: int = 1) -> bytes:
    answering = "" if answers is None else f"In-Reply-To: {answers}\nReferences: {answers}\n"
    return (
        f"From: {sender}\nTo: wang@example.cn\nCc: care@shop.example\n"
        f"Subject: Re: We received your complaint\nDate: Tue, 24 Nov 2026 10:00:00 +0800\n"
        f"Message-ID: <staff{number}@shop.example>\n{answering}\n"
        "We will send a technician tomorrow.\n"
    ).encode()


@pytest.mark.parametrize(
    "sender",
    [
        "Li Na <li.na@shop.example>",
        "LI.NA@Shop.Example",
        "care-lead@shop.example",
        "zhou.zhuguan@shop.example",
        "Care <care@shop.example>",
    ],
)
@pytest.mark.parametrize("role", ["customer", "owner"])
def test_a_staff_reply_to_a_letter_opens_no_case(desk: Desk, sender: str, role: str) -> None:
    case = complaint(desk)
    sent = len(desk.storage.deliveries())
    with pytest.raises(InvalidInput) as refused:
        desk.intake(parse_mail(mail(sender, letter(desk, case, role))))
    assert refused.value.field == "attributes.replying_to"
    assert case.id in refused.value.message
    assert f"cases note {case.id}" in refused.value.message
    assert [c.id for c in desk.find()] == [case.id]
    assert len(desk.get(case.id).complaints) == 1
    assert len(desk.storage.deliveries()) == sent  # no acknowledgement to the staff member


def test_the_intake_keeps_a_staff_reply_as_a_dead_letter(desk: Desk, tmp_path: Path) -> None:
    case = complaint(desk)
    (tmp_path / "r.eml").write_bytes(mail("li.na@shop.example", letter(desk, case, "customer")))
    summary = take_in(desk, "email", MailChannel().read(str(tmp_path / "r.eml")))
    assert (summary.opened, summary.replies) == (0, 0)
    ((_, reason),) = summary.rejected
    assert case.id in reason
    (kept,) = desk.storage.dead_letters()
    assert "staff" in kept.reason
    assert [c.id for c in desk.find()] == [case.id]


def test_a_staff_members_own_complaint_still_opens_a_case(desk: Desk) -> None:
    """Forwarding a customer's call to the intake mailbox names no letter: a case."""
    case = complaint(desk)
    forwarded = desk.intake(parse_mail(mail("li.na@shop.example", None)))
    assert forwarded.id != case.id
    assert forwarded.customer_id == "li.na@shop.example"


def test_a_staff_member_who_is_the_customer_answers_as_the_customer(desk: Desk) -> None:
    """li.na bought the fridge: her answer to her own acknowledgement is her reply."""
    case = complaint(desk, contact="li.na@shop.example")
    answered = desk.intake(parse_mail(mail("li.na@shop.example", letter(desk, case, "customer"))))
    assert answered.id == case.id
    assert len(desk.get(case.id).complaints) == 2


def test_a_stranger_answering_a_letter_still_opens_a_case(desk: Desk) -> None:
    case = complaint(desk)
    other = desk.intake(parse_mail(mail("zhao@example.cn", letter(desk, case, "customer"))))
    assert other.id != case.id
