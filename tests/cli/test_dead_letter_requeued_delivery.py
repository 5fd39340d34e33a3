"""``dead-letters retry`` of a failed notification says what became of its delivery once it
was requeued: sent, or still waiting to be, rather than guessing that it "could not be
enqueued, or was requeued since" — staff must know whether purging the letter loses mail."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import SMTP, Envelope, Session
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY
from smtp_inbox import Inbox, receiving

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  ack:
    zh: {subject: "您的投诉已受理", body: "我们已收到您的投诉。"}
notifications:
  notifiers:
    mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1, port: PORT}}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: ack}
"""
)
AT = datetime(2026, 12, 3, 2, tzinfo=UTC)


class MailboxFull(Inbox):
    """Refuses the recipient for good while ``refusing``, then takes the mail."""

    refusing = True

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if self.refusing:
            return "552 5.2.2 mailbox full"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture(name="server")
def server_fixture() -> Iterator[tuple[MailboxFull, int]]:
    with receiving(MailboxFull()) as server:
        yield server


def _retried(tmp_path: Path) -> str:
    base = ["--db", f"sqlite:///{tmp_path / 'cases.db'}", "--policy", str(tmp_path / "p.yaml")]
    done = CliRunner().invoke(build_cli(), [*base, "dead-letters", "retry", "--all", "--json"])
    (outcome,) = json.loads(done.stdout)
    assert outcome["outcome"] == "skipped"
    return str(outcome["reason"])


@pytest.mark.parametrize("delivered", [True, False])
def test_a_requeued_delivery_is_named_sent_or_waiting(
    tmp_path: Path, server: tuple[MailboxFull, int], delivered: bool
) -> None:
    inbox, port = server
    (tmp_path / "p.yaml").write_text(POLICY.replace("PORT", str(port)), encoding="utf-8")
    clock = ManualClock(AT)
    store = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(load_policy(tmp_path / "p.yaml"), storage=store, clock=clock)
    desk.intake(
        {
            "channel": "web",
            "external_id": "M-1",
            "received_at": AT.isoformat(),
            "customer": {"id": "c1", "contact": "wang@example.cn"},
            "text": "快递丢了",
            "language": "zh",
        }
    )
    assert desk.deliver().dead == 1
    (dead,) = desk.storage.deliveries("dead")
    delivery_id = dead.outgoing.delivery_id
    assert f"outbox requeue {delivery_id}`" in _retried(tmp_path)
    inbox.refusing = False
    assert desk.storage.requeue_dead([delivery_id], None, clock.now()) == 1
    if delivered:
        (letter,) = desk.storage.dead_letters()
        assert desk.deliver().delivered == 1
        assert len(inbox.received) == 1
        assert desk.storage.dead_letters() == []  # refused input no more
        # as a store kept it before a delivery delivered took its letter away
        desk.storage.dead_letter(letter.source, letter.raw, letter.reason, clock.now())
    desk.storage.close()
    reason = _retried(tmp_path)
    if delivered:
        assert f"delivery {delivery_id} was requeued and has been delivered" in reason
    else:
        assert f"delivery {delivery_id} was requeued and waits to be sent" in reason
        assert "complaintkit deliver" in reason
    assert "could not be enqueued" not in reason
