"""An unsigned ``POST /complaints`` naming a letter the desk mailed to a customer
(``attributes.replying_to``) and claiming that customer's address as its customer id was
recorded as the customer's reply on their case, and its answer gave the case's status URL:
whoever had seen the letter's Message-ID — any recipient of a reply that quotes it in its
References, a forwarded copy, a list archive — read another customer's case, and could
answer what it offered them. Over HTTP the customer id is whatever the body says, so an
unsigned body may not answer a letter: a 422 naming ``attributes.replying_to``, the body
kept as a dead letter, the customer's case untouched."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path

from complaintkit.api.app import create_app
from complaintkit.channels.mail_message import parse_mail
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY
from complaintkit.testing.server import running_server
from loopback import loopback_client
from smtp_inbox import ParsedInbox, receiving

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  acknowledgement: {en: {subject: "We received your complaint {case.id}", body: "Thank you."}}
notifications:
  notifiers: {mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1, port: PORT}}}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: acknowledgement}
"""
)
COMPLAINT = b"""\
From: Wang Fang <wang@example.cn>
To: care@shop.example
Subject: The fridge does not cool
Date: Mon, 23 Nov 2026 09:05:00 +0800
Message-ID: <first@example.cn>

The fridge I bought last week does not cool.
"""
SECRET = "s" * 32


def _letter_answered(message_id: str) -> dict[str, object]:
    return {
        "external_id": "web-1",
        "customer": {"id": "wang@example.cn"},
        "text": "let me see it",
        "attributes": {"replying_to": [message_id.strip("<>")]},
    }


def _acknowledged(tmp_path: Path, port: int, mailbox: ParsedInbox) -> tuple[Desk, str, str]:
    """The desk, the case a mailed complaint opened and the Message-ID of its letter."""
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY.replace("PORT", str(port)), encoding="utf-8")
    desk = Desk(load_policy(path), storage=f"sqlite:///{tmp_path / 'cases.db'}")
    case = desk.intake(parse_mail(COMPLAINT))
    assert desk.deliver().delivered == 1
    (letter,) = mailbox.received
    return desk, case.id, str(letter["Message-ID"])


def test_an_unsigned_body_cannot_answer_a_customers_letter(tmp_path: Path) -> None:
    with receiving(ParsedInbox()) as (mailbox, port):
        desk, case_id, message_id = _acknowledged(tmp_path, port, mailbox)
        token = desk.get(case_id).status_token
        with desk.storage, running_server(create_app(desk)) as url:
            with loopback_client(base_url=url) as client:
                answer = client.post("/complaints", json=_letter_answered(message_id))
            letters = desk.storage.dead_letters()
            complaints = desk.get(case_id).complaints
        assert answer.status_code == 422
        assert answer.json()["field"] == "attributes.replying_to"
        assert token not in answer.text
        assert case_id not in answer.text
        assert len(complaints) == 1
        (letter,) = letters
        assert json.loads(letter.raw) == _letter_answered(message_id)


def test_a_signed_body_still_answers_its_letter(tmp_path: Path) -> None:
    """A sender holding the server's secret (a mail gateway) vouches for the customer id."""
    with receiving(ParsedInbox()) as (mailbox, port):
        desk, case_id, message_id = _acknowledged(tmp_path, port, mailbox)
        body = json.dumps(_letter_answered(message_id)).encode()
        stamp = str(int(desk.clock.now().timestamp()))
        mac = hmac.new(SECRET.encode(), stamp.encode() + b"." + body, hashlib.sha256)
        headers = {
            "Content-Type": "application/json",
            "X-Complaintkit-Timestamp": stamp,
            "X-Complaintkit-Signature": f"sha256={mac.hexdigest()}",
        }
        with desk.storage, running_server(create_app(desk, secret=SECRET)) as url:
            with loopback_client(base_url=url) as client:
                answer = client.post("/complaints", content=body, headers=headers)
            complaints = desk.get(case_id).complaints
        assert answer.status_code == 200, answer.text
        assert answer.json()["case_id"] == case_id
        assert len(complaints) == 2
