"""An out-of-office reply to a letter is recorded on the letter's case, and a rule writing
to the customer when they answer (``on: complaint_added``) sends software nothing: it
answered the acknowledgement's own responder, whose answer it answered in turn — a mail
loop RFC 3834 forbids. A person's reply is written to as the rule says."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  acknowledgement: {en: {subject: "We received your complaint {case.id}", body: "Thank you."}}
  thanks: {en: {subject: "Thank you for your answer", body: "We read it."}}
  answered: {en: {subject: "The customer answered on {case.id}", body: "Read it."}}
notifications:
  notifiers: {mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1}}}
  contacts: {owners: {li.na: li.na@shop.example}}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: acknowledgement}
    - {"on": complaint_added, notify: [customer], via: mail, template: thanks}
    - {"on": complaint_added, notify: [owner], via: mail, template: answered}
"""
)

COMPLAINT = (
    b"From: wang@example.cn\nSubject: Broken\nDate: Mon, 23 Nov 2026 09:05:00 +0800\n"
    b"Message-ID: <first@example.cn>\n\nThe fridge does not cool.\n"
)


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Desk:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    return Desk(load_policy(path), storage=f"sqlite:///{tmp_path / 'cases.db'}")


def answer(letter: str, number: int, *headers: str) -> bytes:
    return (
        "From: wang@example.cn\nSubject: Re: We received your complaint\n"
        f"Date: Tue, 24 Nov 2026 10:00:00 +0800\nMessage-ID: <a{number}@example.cn>\n"
        f"In-Reply-To: <{letter}@shop.example>\n"
        + "".join(f"{h}\n" for h in headers)
        + "\nI am out of the office until 30 November.\n"
    ).encode()


def roles(desk: Desk) -> list[str]:
    return [d.outgoing.payload["role"] for d in desk.storage.deliveries()]


def test_an_automatic_reply_on_a_case_is_not_written_to(desk: Desk) -> None:
    case = desk.intake(parse_mail(COMPLAINT))
    (acknowledgement,) = desk.storage.deliveries()
    letter = acknowledgement.outgoing.delivery_id
    automatic = desk.intake(parse_mail(answer(letter, 1, "Auto-Submitted: auto-replied")))
    assert automatic.id == case.id
    assert roles(desk) == ["customer", "owner"]  # the owner is told; the responder is not
    person = desk.intake(parse_mail(answer(letter, 2)))
    assert person.id == case.id
    assert roles(desk) == ["customer", "owner", "customer", "owner"]
