"""A customer who gave ``wang+shop@example.cn`` (the form, the API) gets our letters in
wang's own mailbox — the big providers deliver a ``+`` tag there, which is why the
acknowledgement limit counts them as one mailbox — and their mail program answers from
``wang@example.cn``. Reply threading kept the tag, so that answer opened a second case,
acknowledged afresh (e-mail intake has no limit of its own), while the case it answered
waited on the customer. A tag on either side now names the same mailbox as none, as the
limit reads it; a stranger still needs the letter's delivery id to write into the case."""

from __future__ import annotations

from pathlib import Path

import pytest
from shop_mail_policy import mail_policy

from complaintkit.channels.mail_message import parse_mail
from complaintkit.desk import Desk
from complaintkit.desk.reply_sender import same_mailbox
from complaintkit.model.case import Case
from complaintkit.policy.compiled import load_policy

POLICY = mail_policy(
    ("acknowledgement", "opened"), ("answer", "responded"), sender="Care <care@shop.example>"
)


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Desk:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    return Desk(load_policy(tmp_path / "policy.yaml"), storage=f"sqlite:///{tmp_path / 'c.db'}")


def opened(desk: Desk, contact: str, withheld: str | None = None) -> Case:
    complaint = {
        "channel": "web",
        "external_id": f"F-{contact}",
        "customer": {"id": "C-1001", "contact": contact},
        "text": "\u51b0\u7bb1\u4e0d\u5236\u51b7",
        "received_at": "2026-11-23T01:00:00+00:00",
    }
    return desk.intake(complaint, acknowledgement_withheld=withheld)


def last_letter(desk: Desk, case: Case) -> str:
    letters = [d.outgoing for d in desk.storage.deliveries(case_id=case.id)]
    return f"<{letters[-1].delivery_id}@shop.example>"


def reply(sender: str, answers: str) -> bytes:
    return (
        f"From: {sender}\nTo: care@shop.example\nSubject: Re: About your complaint\n"
        "Date: Tue, 24 Nov 2026 10:00:00 +0800\nMessage-ID: <r-1@example.cn>\n"
        f"In-Reply-To: {answers}\n\nIt is still warm.\n"
    ).encode()


@pytest.mark.parametrize(
    ("contact", "sender"),
    [
        ("wang+shop@example.cn", "Wang Fang <wang@example.cn>"),
        ("wang@example.cn", "wang+phone@example.cn"),
        ("Wang+Shop@Example.CN", "wang+other@example.cn"),
    ],
)
def test_a_reply_from_the_mailbox_behind_a_tag_lands_on_its_case(
    desk: Desk, contact: str, sender: str
) -> None:
    case = opened(desk, contact)
    answered = desk.intake(parse_mail(reply(sender, last_letter(desk, case))))
    assert answered.id == case.id
    assert [c.id for c in desk.find()] == [case.id]


def test_a_reply_to_a_case_past_the_acknowledgement_limit_lands_on_it(desk: Desk) -> None:
    """No acknowledgement went out; the agent's answer did, and is answered untagged."""
    case = opened(desk, "wang+7@example.cn", withheld="5 acknowledgements were sent")
    assert list(desk.storage.deliveries(case_id=case.id)) == []
    desk.respond(case.id, "We will send a technician.", actor="li.na")
    answered = desk.intake(parse_mail(reply("wang@example.cn", last_letter(desk, case))))
    assert answered.id == case.id
    assert len(desk.get(case.id).complaints) == 2


@pytest.mark.parametrize(
    ("one", "other"),
    [("wang@example.cn", "zhao@example.cn"), ("wang+a@example.cn", "wang@example.net")],
)
def test_another_mailbox_is_still_another(one: str, other: str) -> None:
    assert not same_mailbox(one, other)


def test_an_address_made_of_a_tag_alone_is_kept_whole() -> None:
    assert not same_mailbox("+li@example.cn", "li@example.cn")
