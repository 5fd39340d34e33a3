"""Replies holding nothing but our quoted letter, as mail programs other than the one
``test_mail_reply_quote_only`` writes quote it: each answered the case waiting on the
customer (back to investigating, its paused clocks running) though the customer wrote
nothing. Gmail's plain text wraps a long ``On … wrote:`` line in two."""

from __future__ import annotations

from pathlib import Path

import pytest
from shop_mail_policy import mail_policy

from complaintkit.channels.mail_message import parse_mail
from complaintkit.desk import Desk
from complaintkit.model.lifecycle import Status
from complaintkit.policy.compiled import load_policy

POLICY = mail_policy(("answer", "responded"), sender="Care <care@shop.example>")
Q = "Which model is it?"


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Desk:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    return Desk(load_policy(tmp_path / "policy.yaml"), storage=f"sqlite:///{tmp_path / 'c.db'}")


def answered(desk: Desk, body: str) -> Status:
    """The status of a case waiting on the customer once ``body`` answers its letter."""
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "F-1",
            "customer": {"id": "C-1", "contact": "wang@example.cn"},
            "text": "\u51b0\u7bb1\u4e0d\u5236\u51b7",
            "received_at": "2026-11-23T01:00:00+00:00",
        }
    )
    desk.respond(case.id, Q, actor="li.na")
    desk.transition(case.id, "waiting_on_customer", actor="li.na", reason="asked the model")
    (letter,) = [d.outgoing for d in desk.storage.deliveries(case_id=case.id)]
    message = (
        "From: wang@example.cn\nTo: care@shop.example\nSubject: Re: About your complaint\n"
        "Date: Tue, 24 Nov 2026 10:00:00 +0800\nMessage-ID: <r-1@example.cn>\n"
        f"In-Reply-To: <{letter.delivery_id}@shop.example>\n"
        f"Content-Type: text/plain; charset=utf-8\n\n{body}"
    )
    assert desk.intake(parse_mail(message.encode())).id == case.id
    stored = desk.get(case.id)
    assert len(stored.complaints) == 2  # recorded all the same
    return stored.status


WRAPPED_ATTRIBUTIONS = [
    f"On Mon, Nov 23, 2026 at 9:00\u202fAM Care <care@shop.example>\nwrote:\n\n> {Q}\n",
    f"On Mon, 23 Nov 2026 at 09:00, Care Team of the Shop Example <\ncare@shop.example> wrote:\n> {Q}\n",
    f"Care <care@shop.example> \u4e8e2026\u5e7411\u670823\u65e5\u5468\u4e00 09:00\n"
    f"\u5199\u9053\uff1a\n\n> {Q}\n",
    f"Am Mo., 23. Nov. 2026 um 09:00 Uhr schrieb Care\n<care@shop.example>:\n> {Q}\n",
]


@pytest.mark.parametrize("body", WRAPPED_ATTRIBUTIONS)
def test_an_attribution_wrapped_in_two_is_no_answer(desk: Desk, body: str) -> None:
    assert answered(desk, body) is Status.WAITING_ON_CUSTOMER


WORDS_ABOVE_AN_ATTRIBUTION = [
    f"BCD-256W\nOn Mon, 23 Nov 2026 at 09:00, Care <care@shop.example> wrote:\n> {Q}\n",
    f"On Monday it stopped again.\nOn Mon, 23 Nov 2026 at 09:00, Care wrote:\n> {Q}\n",
    f"\u578b\u53f7 BCD-256W\n\u5728 2026\u5e7411\u670823\u65e5 09:00, Care \u5199\u9053\uff1a\n> {Q}\n",
]


@pytest.mark.parametrize("body", WORDS_ABOVE_AN_ATTRIBUTION)
def test_words_above_an_attribution_answer(desk: Desk, body: str) -> None:
    assert answered(desk, body) is Status.INVESTIGATING


ORIGINALS_BELOW = [
    "-----Original Message-----\nFrom: Care <care@shop.example>\n"
    "Sent: Monday, November 23, 2026 9:00 AM\nTo: Wang <wang@example.cn>\n"
    f"Subject: About your complaint\n\n{Q}\n",
    "________________________________\nFrom: Care <care@shop.example>\n"
    f"Sent: Monday, November 23, 2026 9:00 AM\nTo: wang@example.cn\n\n{Q}\n",
    "------------------\u00a0\u539f\u59cb\u90ae\u4ef6\u00a0------------------\n"
    '\u53d1\u4ef6\u4eba: "Care"<care@shop.example>;\n'
    "\u53d1\u9001\u65f6\u95f4: 2026\u5e7411\u670823\u65e5(\u661f\u671f\u4e00) \u4e0a\u53489:00\n"
    f'\u6536\u4ef6\u4eba: "Wang"<wang@example.cn>;\n\n{Q}\n',
    "-----\u539f\u59cb\u90ae\u4ef6-----\n\u53d1\u4ef6\u4eba: Care [mailto:care@shop.example]\n"
    f"\u53d1\u9001\u65f6\u95f4: 2026\u5e7411\u670823\u65e5 9:00\n\n{Q}\n",
    f"\n\nFrom: Care\nDate: 2026-11-23 09:00\nTo: wang\nSubject: About your complaint\n{Q}\n",
]


@pytest.mark.parametrize("body", ORIGINALS_BELOW)
def test_our_letter_below_an_original_message_line_is_no_answer(desk: Desk, body: str) -> None:
    """Outlook, QQ Mail, Foxmail and 163 put the letter answered below a line or a block of
    its headers, unquoted."""
    assert answered(desk, body) is Status.WAITING_ON_CUSTOMER


@pytest.mark.parametrize("body", ORIGINALS_BELOW)
def test_words_above_an_original_message_answer(desk: Desk, body: str) -> None:
    assert answered(desk, f"BCD-256W\n\n{body}") is Status.INVESTIGATING


def test_a_from_line_of_the_customers_own_answers(desk: Desk) -> None:
    """A line of theirs that starts ``From:`` with no date below is no header block."""
    assert answered(desk, f"From: the shop in Xuhui\n> {Q}\n") is Status.INVESTIGATING


SIGNED_ONLY = [
    f"\n\nSent from my iPhone\n\n> On Nov 23, 2026, at 09:00, Care <care@shop.example> wrote:\n"
    f">\n> {Q}\n",
    f"\u53d1\u81ea\u6211\u7684iPhone\n\n> \u5728 2026\u5e7411\u670823\u65e5 09:00\uff0cCare "
    f"<care@shop.example> \u5199\u9053\uff1a\n> {Q}\n",
    f"Get Outlook for Android\n________________________________\nFrom: Care <care@shop.example>\n"
    f"Sent: Monday, November 23, 2026 9:00 AM\n\n{Q}\n",
    f"On Mon, 23 Nov 2026 at 09:00, Care <care@shop.example> wrote:\n> {Q}\n\n"
    "\u6765\u81ea\u6211\u7684\u534e\u4e3a\u624b\u673a\n",
]


@pytest.mark.parametrize("body", SIGNED_ONLY)
def test_a_phones_signature_and_the_quote_answer_nothing(desk: Desk, body: str) -> None:
    """A phone's mail app signs every message ("Sent from my iPhone", "发自我的iPhone"):
    a reply holding that and our quoted letter holds no word of the customer's."""
    assert answered(desk, body) is Status.WAITING_ON_CUSTOMER


def test_words_above_a_phones_signature_answer(desk: Desk) -> None:
    body = f"BCD-256W\n\nSent from my iPhone\n\n> On Nov 23, 2026, Care wrote:\n> {Q}\n"
    assert answered(desk, body) is Status.INVESTIGATING
