"""An out-of-office reply to the letter asking the customer for details is no answer: a
case waiting on its customer went back to ``investigating`` on it, its paused SLA clocks
ran again and the status page stopped asking for the details nobody had sent. The
automatic reply is still recorded on the case; the person's own answer ends the wait."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
calendars: {office: {timezone: Asia/Shanghai, hours: 24x7}}
sla: {calendar: office, targets: [{first_response: 48h}]}
templates:
  acknowledgement: {en: {subject: "We received your complaint {case.id}", body: "Thank you."}}
notifications:
  notifiers: {mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1, port: 25}}}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: acknowledgement}
"""
)


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Desk:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    return Desk(load_policy(tmp_path / "policy.yaml"), storage=f"sqlite:///{tmp_path / 'c.db'}")


def waiting(desk: Desk) -> tuple[Case, str]:
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "F-1",
            "customer": {"id": "C-1", "contact": "wang@example.cn"},
            "text": "The fridge does not cool.",
            "received_at": "2026-11-23T01:00:00+00:00",
        }
    )
    (sent,) = desk.storage.deliveries(case_id=case.id)
    desk.transition(case.id, "investigating", actor="li.na")
    desk.transition(case.id, "waiting_on_customer", actor="li.na", reason="need the receipt")
    return case, f"<{sent.outgoing.delivery_id}@shop.example>"


def reply(answers: str, number: int, headers: str, text: str) -> bytes:
    return (
        f"From: Wang Fang <wang@example.cn>\nTo: care@shop.example\nSubject: Re: x\n"
        f"Date: Tue, 24 Nov 2026 10:00:00 +0800\nMessage-ID: <r{number}@example.cn>\n"
        f"In-Reply-To: {answers}\n{headers}\n{text}\n"
    ).encode()


@pytest.mark.parametrize(
    "automatic",
    ["Auto-Submitted: auto-replied\n", "X-Autoreply: yes\n", "Precedence: auto_reply\n"],
)
def test_an_out_of_office_reply_leaves_the_case_waiting(desk: Desk, automatic: str) -> None:
    case, letter = waiting(desk)
    away = desk.intake(parse_mail(reply(letter, 1, automatic, "I am away until Monday.")))
    assert away.id == case.id
    assert desk.get(case.id).complaints[-1].text == "I am away until Monday."
    assert away.status.value == "waiting_on_customer"
    assert away.clocks.metrics["first_response"].state == "paused"
    answered = desk.intake(parse_mail(reply(letter, 2, "", "The receipt is attached.")))
    assert answered.status.value == "investigating"
    assert answered.clocks.metrics["first_response"].state == "running"
