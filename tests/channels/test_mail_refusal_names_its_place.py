"""A reply the Desk refuses (its case gone) is named by the mbox message or file the mail
channel read it from, as the CSV and JSONL channels name ``file:line``: the run and its dead
letter named it by Message-ID only, which an operator cannot find in a mailbox."""

from __future__ import annotations

from pathlib import Path

from complaintkit.channels import take_in
from complaintkit.channels.mail import MailChannel
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  acknowledgement: {en: {subject: "We received your complaint {case.id}", body: "Thank you."}}
notifications:
  notifiers: {mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1}}}
  rules: [{"on": opened, notify: [customer], via: mail, template: acknowledgement}]
"""
)


def reply(answers: str, number: int) -> bytes:
    return (
        f"From: wang@example.cn\nSubject: Re: ours\nDate: Tue, 24 Nov 2026 10:00:00 +0800\n"
        f"Message-ID: <reply{number}@example.cn>\nIn-Reply-To: {answers}\n\nStill warm.\n"
    ).encode()


def test_a_refused_reply_names_the_mbox_message_it_was_read_from(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    desk = Desk(load_policy(tmp_path / "policy.yaml"), storage=f"sqlite:///{tmp_path / 'c.db'}")
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "F-1",
            "customer": {"id": "C-1", "contact": "wang@example.cn"},
            "text": "Warm.",
            "received_at": "2026-11-23T01:00:00+00:00",
        }
    )
    (sent,) = desk.storage.deliveries(case_id=case.id)
    answers = f"<{sent.outgoing.delivery_id}@shop.example>"
    with desk.storage.transaction():  # the outbox row edited outside complaintkit
        desk.storage._db.execute("UPDATE outbox SET case_id = 'CK-20261123-GONE00'")  # type: ignore[attr-defined]
    box = tmp_path / "inbox.mbox"
    separator = b"From wang@example.cn Tue Nov 24 10:00:00 2026\n"
    other = reply("<first@example.cn>", 0)
    box.write_bytes(separator + other + b"\n" + separator + reply(answers, 1))
    summary = take_in(
        desk, "email", (channel := MailChannel()).read(str(box)), locate=lambda: channel.location
    )
    ((where, reason),) = summary.rejected
    assert where == "inbox.mbox#2"
    assert "CK-20261123-GONE00" in reason
    (kept,) = desk.storage.dead_letters()
    assert kept.source == "complaint:email:reply1@example.cn (inbox.mbox#2)"
