"""``deliver`` to an SMTP server on localhost SIGKILLed just after a message was accepted
(before the outbox recorded it), and at its commits, then run again: every letter reaches
the server at least once, and the outbox records each delivered once."""

from __future__ import annotations

import email
import email.policy
from collections import Counter
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import killed_runs
import pytest
from aiosmtpd.handlers import Message as MessageHandler

from complaintkit.testing.policies import MINIMAL_POLICY
from smtp_inbox import receiving

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  ack:
    en: {subject: "We received {case.id}", body: "Dear {customer.name}"}
notifications:
  default_language: en
  notifiers: {mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1, port: PORT, timeout: 10}}}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: ack}
"""
)

LETTERS = 6


class Mailbox(MessageHandler):
    def __init__(self) -> None:
        super().__init__(message_class=EmailMessage)
        self.received: Counter[str] = Counter()

    def handle_message(self, message: EmailMessage) -> None:  # type: ignore[override]
        read = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
        self.received[str(read["X-Complaintkit-Delivery"])] += 1


@pytest.fixture
def mailbox_port() -> Iterator[tuple[Mailbox, int]]:
    with receiving(Mailbox()) as server:
        yield server


def enqueued(tmp_path: Path, port: int, db: str = "") -> tuple[list[str], set[str]]:
    """A store (at ``db``, else a SQLite file) whose outbox holds ``LETTERS``
    acknowledgements; ``deliver``'s arguments."""
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY.replace("PORT", str(port)), encoding="utf-8")
    db = db or f"sqlite:///{tmp_path / 'cases.db'}"
    storage = killed_runs.late_parcels(policy, db, LETTERS)
    try:
        ids = {d.outgoing.delivery_id for d in storage.deliveries("pending")}
    finally:
        storage.close()
    assert len(ids) == LETTERS
    return ["--db", db, "--policy", str(policy), "deliver"], ids


def delivered(args: list[str]) -> list[str]:
    with killed_runs.opened(args[1]) as storage:
        assert storage.deliveries("pending") == storage.deliveries("dead") == []
        assert storage.dead_letters() == []
        return sorted(d.outgoing.delivery_id for d in storage.deliveries("delivered"))


@pytest.mark.parametrize(
    ("backend", "sent"), [("sqlite", 1), ("sqlite", 3), ("sqlite", LETTERS), ("postgres", 3)]
)
def test_deliver_killed_after_the_server_took_a_message_loses_none(
    tmp_path: Path,
    mailbox_port: tuple[Mailbox, int],
    request: pytest.FixtureRequest,
    backend: str,
    sent: int,
) -> None:
    mailbox, port = mailbox_port
    db = killed_runs.database(request, backend, tmp_path / "cases.db")
    args, ids = enqueued(tmp_path, port, db)
    killed = killed_runs.run(args, {"CK_KILL_SENT": str(sent)})
    assert killed.returncode < 0, killed.stderr
    assert mailbox.received.total() == sent
    again = killed_runs.run(args)
    assert again.returncode == 0, again.stderr
    assert set(mailbox.received) == ids  # every letter, none lost
    assert delivered(args) == sorted(ids)  # each recorded sent once
    assert mailbox.received.total() <= LETTERS + 1  # at most the one in flight twice


@pytest.mark.parametrize("when", ["before", "after"])
def test_deliver_killed_at_each_commit_in_turn_loses_none(
    tmp_path: Path, mailbox_port: tuple[Mailbox, int], when: str
) -> None:
    mailbox, port = mailbox_port
    args, ids = enqueued(tmp_path, port)
    assert killed_runs.killed_in_turn(args, when, LETTERS * 2 + 2) > 0
    again = killed_runs.run(args)
    assert again.returncode == 0, again.stderr
    assert set(mailbox.received) == ids
    assert delivered(args) == sorted(ids)


def test_two_delivers_at_once_send_each_letter_once(
    tmp_path: Path, mailbox_port: tuple[Mailbox, int]
) -> None:
    mailbox, port = mailbox_port
    args, ids = enqueued(tmp_path, port)
    for done in killed_runs.at_once([(args, {})] * 2):
        assert done.returncode == 0, done.stderr
    assert mailbox.received == Counter(dict.fromkeys(ids, 1))  # one worker sends at a time
    assert delivered(args) == sorted(ids)
