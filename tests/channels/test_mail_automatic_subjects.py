"""An automatic reply that says so only in its subject — QQ Mail's and 163's
"自动回复: …", Outlook's "Automatic reply: …" sent without RFC 3834's headers — was taken
as the customer's: answering our letter, it moved the case waiting on the customer back
to investigating; answering nothing (no In-Reply-To), it opened a case that was
acknowledged, which such a responder answers again: a loop, one case an acknowledgement.
A subject that starts with an automatic reply's prefix now marks the message automatic,
as those headers do: the case opens or the reply is recorded, and nothing is sent back."""

from __future__ import annotations

from pathlib import Path

import pytest
from shop_mail_policy import mail_policy

from complaintkit.channels.mail_message import parse_mail
from complaintkit.desk import Desk
from complaintkit.model.lifecycle import Status
from complaintkit.policy.compiled import load_policy

POLICY = mail_policy(
    ("acknowledgement", "opened"), ("answer", "responded"), sender="Care <care@shop.example>"
)
SUBJECTS = [
    "\u81ea\u52a8\u56de\u590d: Re: About your complaint",
    "\u81ea\u52a8\u56de\u590d\uff1aAbout your complaint",
    "=?UTF-8?B?6Ieq5Yqo5Zue5aSNOiBBYm91dCB5b3VyIGNvbXBsYWludA==?=",
    "Automatic reply: About your complaint",
    "Out of Office: About your complaint",
    "AutoReply: About your complaint",
]


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Desk:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    return Desk(load_policy(tmp_path / "policy.yaml"), storage=f"sqlite:///{tmp_path / 'c.db'}")


def message(subject: str, text: str, answers: str = "") -> bytes:
    replying = f"In-Reply-To: {answers}\n" if answers else ""
    return (
        f"From: wang@example.cn\nTo: care@shop.example\nSubject: {subject}\n"
        "Date: Tue, 24 Nov 2026 10:00:00 +0800\nMessage-ID: <r-1@example.cn>\n"
        f"{replying}Content-Type: text/plain; charset=utf-8\n\n{text}\n"
    ).encode()


def to_customer(desk: Desk) -> int:
    messages = [d for d in desk.storage.deliveries() if d.outgoing.kind == "message"]
    return len([d for d in messages if d.outgoing.payload["role"] == "customer"])


@pytest.mark.parametrize("subject", SUBJECTS)
def test_an_automatic_reply_by_its_subject_answers_nothing(desk: Desk, subject: str) -> None:
    case = desk.intake(
        parse_mail(message("fridge", "\u51b0\u7bb1\u4e0d\u5236\u51b7").replace(b"r-1", b"c-1"))
    )
    desk.respond(case.id, "Which model is it?", actor="li.na")
    desk.transition(case.id, "waiting_on_customer", actor="li.na", reason="asked the model")
    (letter,) = [d.outgoing for d in desk.storage.deliveries(case_id=case.id)][1:]
    away = "\u6211\u73b0\u5728\u4f11\u5047\u4e2d\uff0c\u56de\u6765\u540e\u56de\u590d\u3002"
    desk.intake(parse_mail(message(subject, away, f"<{letter.delivery_id}@shop.example>")))
    stored = desk.get(case.id)
    assert len(stored.complaints) == 2
    assert stored.status is Status.WAITING_ON_CUSTOMER


@pytest.mark.parametrize("subject", SUBJECTS)
def test_an_automatic_reply_by_its_subject_is_not_acknowledged(desk: Desk, subject: str) -> None:
    case = desk.intake(parse_mail(message(subject, "I am away until Monday.")))
    assert case.complaints[0].attributes["automatic"] == f"Subject: {case.complaints[0].subject}"
    assert to_customer(desk) == 0


@pytest.mark.parametrize(
    "subject",
    [
        "\u81ea\u52a8\u56de\u590d\u529f\u80fd\u574f\u4e86",  # "the auto-reply feature is broken"
        "Re: Automatic reply: About your complaint",  # a person answering one
        "Out of office hours nobody answered",
    ],
)
def test_a_subject_about_automatic_replies_is_a_persons(desk: Desk, subject: str) -> None:
    case = desk.intake(parse_mail(message(subject, "Nobody answers the phone.")))
    assert "automatic" not in case.complaints[0].attributes
    assert to_customer(desk) == 1


def test_auto_submitted_no_is_a_persons_whatever_the_subject(desk: Desk) -> None:
    said = message("Automatic reply: About your complaint", "It still leaks.")
    case = desk.intake(parse_mail(said.replace(b"To:", b"Auto-Submitted: no\nTo:")))
    assert "automatic" not in case.complaints[0].attributes
    assert to_customer(desk) == 1
