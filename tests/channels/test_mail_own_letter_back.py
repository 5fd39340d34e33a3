"""A letter the desk sent coming back to the intake mailbox — the customer's mailbox
forwarding everything to it, the intake address given as the customer's, a copy sent
there — opened a case of its own: its Message-ID is ``<delivery-id@sender-domain>``, one
the outbox holds, but only In-Reply-To and References were looked up. Such a letter is now
refused, its dead letter naming the delivery and its case: it is no complaint, and a
second case for the first one's acknowledgement is a case opened twice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from shop_mail_policy import mail_policy

from complaintkit.channels import take_in
from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mail_message import parse_mail
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.policy.compiled import load_policy

POLICY = mail_policy(("acknowledgement", "opened"), sender="Care <care@shop.example>")
COMPLAINT = (
    b"From: wang@example.cn\nTo: care@shop.example\nSubject: fridge\n"
    b"Date: Tue, 24 Nov 2026 10:00:00 +0800\nMessage-ID: <c-1@example.cn>\n\n"
    b"The fridge does not cool.\n"
)


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Iterator[Desk]:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    desk = Desk(load_policy(tmp_path / "policy.yaml"), storage=f"sqlite:///{tmp_path / 'c.db'}")
    with desk.storage:
        yield desk


def came_back(desk: Desk, sender: str = "Care <care@shop.example>") -> bytes:
    (sent,) = [d.outgoing for d in desk.storage.deliveries() if d.outgoing.kind == "message"]
    return (
        f"From: {sender}\nTo: wang@example.cn\nSubject: {sent.payload['subject']}\n"
        "Date: Tue, 24 Nov 2026 10:00:05 +0800\n"
        f"Message-ID: <{sent.delivery_id}@shop.example>\nAuto-Submitted: auto-generated\n"
        f"Content-Type: text/plain; charset=utf-8\n\n{sent.payload['body']}\n"
    ).encode()


def test_our_acknowledgement_back_in_the_intake_opens_nothing(desk: Desk, tmp_path: Path) -> None:
    case = desk.intake(parse_mail(COMPLAINT))
    (tmp_path / "back.eml").write_bytes(came_back(desk))
    summary = take_in(desk, "email", MailChannel().read(str(tmp_path / "back.eml")))
    assert summary.opened == 0
    assert [c.id for c in desk.find()] == [case.id]
    (letter,) = desk.storage.dead_letters()
    assert "a letter this desk sent" in letter.reason
    assert case.id in letter.reason


def test_a_forwarded_copy_from_the_customers_address_opens_nothing(desk: Desk) -> None:
    """Their mailbox forwarding it on: From may be theirs or ours, the Message-ID is ours."""
    desk.intake(parse_mail(COMPLAINT))
    with pytest.raises(InvalidInput, match="a letter this desk sent"):
        desk.intake(parse_mail(came_back(desk, sender="wang@example.cn")))


def test_a_message_id_at_our_domain_the_outbox_does_not_hold_is_a_complaint(desk: Desk) -> None:
    desk.intake(parse_mail(COMPLAINT))
    other = came_back(desk).replace(b"Message-ID: <", b"Message-ID: <x")
    other = other.replace(b"From: Care <care@shop.example>", b"From: li@example.cn")
    assert desk.intake(parse_mail(other)).customer_id == "li@example.cn"
