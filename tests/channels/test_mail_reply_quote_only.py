"""A customer asked for details (the case waiting on them) who presses reply and send
without writing anything sends our letter back quoted, and nothing else; that "answer"
moved the case back to investigating — its clocks running again, the status page no
longer asking for the details — though it answered nothing. A reply holding only the
quoted letter (and the line naming who wrote it) is now recorded and answers nothing, as an
out-of-office reply; one with a word of its own above or below the quote still answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from shop_mail_policy import mail_policy

from complaintkit.channels.mail_message import parse_mail
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.model.lifecycle import Status
from complaintkit.policy.compiled import load_policy

POLICY = mail_policy(("answer", "responded"), sender="Care <care@shop.example>")


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
            "text": "\u51b0\u7bb1\u4e0d\u5236\u51b7",
            "received_at": "2026-11-23T01:00:00+00:00",
        }
    )
    desk.respond(case.id, "Which model is it?", actor="li.na")
    desk.transition(case.id, "waiting_on_customer", actor="li.na", reason="asked the model")
    (letter,) = [d.outgoing for d in desk.storage.deliveries(case_id=case.id)]
    return case, f"<{letter.delivery_id}@shop.example>"


def reply(answers: str, body: str) -> bytes:
    return (
        f"From: wang@example.cn\nTo: care@shop.example\nSubject: Re: About your complaint\n"
        "Date: Tue, 24 Nov 2026 10:00:00 +0800\nMessage-ID: <r-1@example.cn>\n"
        f"In-Reply-To: {answers}\nContent-Type: text/plain; charset=utf-8\n\n{body}"
    ).encode()


@pytest.mark.parametrize(
    "body",
    [
        "> Which model is it?\n",
        "\nOn Mon, 23 Nov 2026 at 09:00, Care <care@shop.example> wrote:\n>\n> Which model is it?\n",
        "\u5728 2026\u5e7411\u670823\u65e5 09:00, Care \u5199\u9053\uff1a\n> Which model is it?\n",
    ],
)
def test_a_reply_holding_only_the_quote_answers_nothing(desk: Desk, body: str) -> None:
    case, letter = waiting(desk)
    answered = desk.intake(parse_mail(reply(letter, body)))
    assert answered.id == case.id
    stored = desk.get(case.id)
    assert len(stored.complaints) == 2  # recorded all the same
    assert stored.status is Status.WAITING_ON_CUSTOMER


@pytest.mark.parametrize(
    "body",
    [
        "BCD-256W\n\n> Which model is it?\n",
        "> Which model is it?\nBCD-256W\n",
        # one line of their own ending in a colon is no "On ... wrote:" line
        "It is the one on the invoice I sent with my complaint:\n> Which model is it?\n",
        "\u578b\u53f7\u5199\u5728\u53d1\u7968\u4e0a\u4e86\uff1a\n> Which model is it?\n",
    ],
)
def test_a_word_of_their_own_answers(desk: Desk, body: str) -> None:
    case, letter = waiting(desk)
    desk.intake(parse_mail(reply(letter, body)))
    assert desk.get(case.id).status is Status.INVESTIGATING
