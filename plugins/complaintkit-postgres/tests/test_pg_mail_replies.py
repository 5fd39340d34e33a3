"""A customer's e-mail reply to a letter lands on the letter's case on PostgreSQL as on
SQLite: found by the letter's delivery id, recorded once, its key held by that case."""

from __future__ import annotations

from pathlib import Path

from complaintkit_postgres import PostgresStorage

from complaintkit.channels import take_in
from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mail_message import parse_mail
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  acknowledgement: {en: {subject: "Case {case.id}", body: "Thank you."}}
notifications:
  notifiers: {mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1}}}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: acknowledgement}
"""
)


def mail(number: int, answers: str = "") -> bytes:
    return (
        f"From: wang@example.cn\nSubject: Broken\nDate: Mon, 23 Nov 2026 09:05:00 +0800\n"
        f"Message-ID: <m{number}@example.cn>\n{answers}\nWords {number}.\n"
    ).encode()


def test_a_reply_lands_on_its_case_once(postgres_url: str, tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    with PostgresStorage(postgres_url) as storage:
        desk = Desk(load_policy(path), storage=storage)
        case = desk.intake(parse_mail(mail(1)))
        (letter,) = storage.deliveries()
        answers = f"In-Reply-To: <{letter.outgoing.delivery_id}@shop.example>\n"
        (tmp_path / "r.eml").write_bytes(mail(2, answers))
        for replies, known in ((1, 0), (0, 1)):  # read twice: the second time it is known
            summary = take_in(desk, "email", MailChannel().read(str(tmp_path / "r.eml")))
            assert (summary.opened, summary.replies, summary.already_known) == (0, replies, known)
        assert [c.text for c in desk.get(case.id).complaints] == ["Words 1.", "Words 2."]
        found = storage.find_by_key("email", "m2@example.cn")
        assert found is not None
        assert found.id == case.id
        assert [c.id for c in desk.find()] == [case.id]


def test_a_reply_to_a_form_case_lands_on_it_and_is_known_when_read_again(
    postgres_url: str, tmp_path: Path
) -> None:
    """The case's customer id (C-1001) is no address: the reply matches the address its
    letter went to, and read again is a duplicate, not a key held by another customer."""
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    with PostgresStorage(postgres_url) as storage:
        desk = Desk(load_policy(path), storage=storage)
        case = desk.intake(
            {
                "channel": "web",
                "external_id": "F-1",
                "customer": {"id": "C-1001", "contact": "Wang@Example.CN"},
                "text": "Broken.",
                "received_at": "2026-11-23T01:00:00+00:00",
            }
        )
        (letter,) = storage.deliveries(case_id=case.id)
        answers = f"In-Reply-To: <{letter.outgoing.delivery_id}@shop.example>\n"
        (tmp_path / "r.eml").write_bytes(mail(2, answers))
        for replies, known in ((1, 0), (0, 1)):
            summary = take_in(desk, "email", MailChannel().read(str(tmp_path / "r.eml")))
            assert (summary.opened, summary.replies, summary.already_known) == (0, replies, known)
            assert summary.rejected == []
        assert [c.text for c in desk.get(case.id).complaints] == ["Broken.", "Words 2."]
