"""A report counts undeliverable notifications by why they failed, not by whom: each
customer's address (in the notifier's words and in the server's reply, as Postfix quotes
it) is written ``…@domain``, and a contact that is no e-mail address ``'…'``, so a month of
letters refused for one cause is one row, not a row per customer. ``dead-letters list``
still shows each letter with its address."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import closing
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
from complaintkit.reports import build_report, open_source
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
    mail: {type: smtp, options: {sender: "客服 <care@shop.example>", host: 127.0.0.1, port: PORT}}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: ack}
"""
)
#: What each customer gave as their contact: three mailboxes the server does not know,
#: and two phone numbers typed where the address belongs.
CONTACTS = (
    "王芳 <wang@example.cn>",
    "li.lei@example.cn",
    "han.meimei@example.cn",
    "13800138000",
    "+86 139 0013 9000",
)


class UnknownUsers(Inbox):
    """Refuses every recipient for good, quoting it as Postfix does."""

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"


@pytest.fixture(name="port")
def port_fixture() -> Iterator[int]:
    with receiving(UnknownUsers()) as (_, port):
        yield port


def _refused(tmp_path: Path, port: int) -> tuple[Desk, ManualClock]:
    """A desk whose every letter was refused for good, one per contact."""
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY.replace("PORT", str(port)), encoding="utf-8")
    clock = ManualClock(datetime(2026, 12, 3, 2, tzinfo=UTC))
    desk = Desk(load_policy(path), storage=f"sqlite:///{tmp_path / 'cases.db'}", clock=clock)
    for i, contact in enumerate(CONTACTS):
        desk.intake(
            {
                "channel": "web",
                "external_id": f"M-{i}",
                "received_at": "2026-12-03T09:30:00+08:00",
                "customer": {"id": f"c{i}", "contact": contact},
                "text": "快递丢了",
                "language": "zh",
            }
        )
    assert desk.deliver().dead == len(CONTACTS)  # every one refused for good
    return desk, clock


def test_letters_refused_for_one_cause_are_one_row_whoever_they_were_for(
    tmp_path: Path, port: int
) -> None:
    desk, clock = _refused(tmp_path, port)
    with closing(open_source(desk.storage)) as source:
        counted = build_report(source, now=clock.now()).undelivered
    assert sorted(counted.values()) == [2, 3]
    reasons = " ".join(counted)
    assert "…@example.cn" in reasons
    for contact in ("wang@", "li.lei@", "han.meimei@", "13800138000", "139 0013"):
        assert contact not in reasons
    listed = "\n".join(letter.reason for letter in desk.storage.dead_letters())
    assert "<li.lei@example.cn>: Recipient address rejected" in listed
    assert "'+86 139 0013 9000' is not exactly one e-mail address" in listed
    desk.storage.close()


def test_dead_letters_count_counts_them_by_cause_too(tmp_path: Path, port: int) -> None:
    desk, _ = _refused(tmp_path, port)
    desk.storage.close()
    base = ["--db", f"sqlite:///{tmp_path / 'cases.db'}", "--policy", str(tmp_path / "policy.yaml")]
    done = CliRunner().invoke(build_cli(), [*base, "dead-letters", "count", "--json"])
    assert done.exit_code == 0, done.output
    assert sorted(row["count"] for row in json.loads(done.output)) == [2, 3]
