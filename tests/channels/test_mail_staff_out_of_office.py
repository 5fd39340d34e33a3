"""A member of staff's out-of-office responder answers the notice of a new case ("I am
away until Monday"): the intake kept it as a dead letter — a reply from staff, "add what it
says as a note" — which someone had to read and purge, at every notice while they were
away. It is now recorded on the case of the letter it answers as an internal note by them
(the customer never sees it; whoever manages the desk learns the owner is away), once
however often the mailbox is read, as a customer's out-of-office is recorded and answers
nothing. A member of staff's reply they wrote themselves is still a dead letter."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from complaintkit.channels import take_in
from complaintkit.channels.mail import MailChannel
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  acknowledgement: {en: {subject: "New case {case.id}", body: "See {case.status_url}"}}
notifications:
  status_url: "https://shop.example/status/{token}"
  notifiers:
    mail: {type: smtp, options: {sender: Care <care@shop.example>, host: 127.0.0.1, port: 25}}
  contacts:
    owners: {li.na: li.na@shop.example}
  rules:
    - {"on": opened, notify: [owner], via: mail, template: acknowledgement}
    - {"on": noted, notify: [owner], via: mail, template: acknowledgement}
"""
)


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Iterator[Desk]:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    desk = Desk(load_policy(tmp_path / "policy.yaml"), storage=f"sqlite:///{tmp_path / 'c.db'}")
    with desk.storage:
        yield desk


def opened(desk: Desk) -> Case:
    return desk.intake(
        {
            "channel": "web",
            "external_id": "F-1",
            "customer": {"id": "C-1", "contact": "wang@example.cn"},
            "text": "\u51b0\u7bb1\u4e0d\u5236\u51b7",
            "received_at": "2026-11-23T01:00:00+00:00",
        }
    )


def notice_id(desk: Desk, case: Case) -> str:
    (one,) = [d.outgoing for d in desk.storage.deliveries(case_id=case.id)]
    return f"<{one.delivery_id}@shop.example>"


def away(answers: str, token: str, automatic: bool = True) -> bytes:
    header = "Auto-Submitted: auto-replied\n" if automatic else ""
    subject = "Automatic reply: New case" if automatic else "Re: New case"  # a person's
    return (
        f"From: Li Na <li.na@shop.example>\nTo: care@shop.example\n"
        f"Subject: {subject}\nDate: Tue, 24 Nov 2026 10:00:00 +0800\n"
        f"Message-ID: <oof-1@shop.example>\nIn-Reply-To: {answers}\n{header}\n"
        f"I am away until Monday.\n> See https://shop.example/status/{token}\n"
    ).encode()


def test_a_staff_out_of_office_is_noted_on_the_case_once(desk: Desk, tmp_path: Path) -> None:
    case = opened(desk)
    (tmp_path / "oof.eml").write_bytes(away(notice_id(desk, case), case.status_token))
    for _ in range(2):  # the mailbox read again
        summary = take_in(desk, "email", MailChannel().read(str(tmp_path / "oof.eml")))
        assert summary.rejected == []
    assert desk.storage.dead_letters() == []
    (note,) = [e for e in desk.history(case.id) if e.kind == "noted"]
    assert note.actor == "li.na"
    assert "I am away until Monday." in note.data["text"]
    assert case.status_token not in note.data["text"]
    stored = desk.get(case.id)
    assert (len(stored.complaints), stored.status) == (1, case.status)
    assert [c.id for c in desk.find()] == [case.id]


def test_a_reply_staff_wrote_is_still_a_dead_letter(desk: Desk, tmp_path: Path) -> None:
    case = opened(desk)
    (tmp_path / "r.eml").write_bytes(away(notice_id(desk, case), "x", automatic=False))
    summary = take_in(desk, "email", MailChannel().read(str(tmp_path / "r.eml")))
    assert len(summary.rejected) == 1
    assert [e.kind for e in desk.history(case.id) if e.kind == "noted"] == []


def test_the_same_out_of_office_to_each_notice_is_noted_once(desk: Desk, tmp_path: Path) -> None:
    """The policy tells the owner of every note, so the note of their out-of-office is
    mailed to them too, and their responder answers that notice as well: noted once, not
    one note per notice (which would be mailed to them again: a loop)."""
    case = opened(desk)
    (tmp_path / "a.eml").write_bytes(away(notice_id(desk, case), case.status_token))
    take_in(desk, "email", MailChannel().read(str(tmp_path / "a.eml")))
    notices = [d.outgoing for d in desk.storage.deliveries(case_id=case.id)]
    assert len(notices) == 2  # the note's notice to the owner
    second = away(f"<{notices[-1].delivery_id}@shop.example>", case.status_token)
    (tmp_path / "b.eml").write_bytes(second.replace(b"<oof-1@", b"<oof-2@"))
    take_in(desk, "email", MailChannel().read(str(tmp_path / "b.eml")))
    assert len([e for e in desk.history(case.id) if e.kind == "noted"]) == 1
    assert len(list(desk.storage.deliveries(case_id=case.id))) == 2
