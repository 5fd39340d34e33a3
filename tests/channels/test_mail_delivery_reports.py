"""A delivery report (a bounce) is no complaint: it becomes a dead letter saying so, and
for which recipient and message where the report names them, so an operator sees that a
customer's address bounced. Taken as a complaint, the bounce of an acknowledgement opened a
case whose acknowledgement bounced in turn: a mail loop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.channels import take_in
from complaintkit.channels.mail import MailChannel
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.policies import MINIMAL_POLICY

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  acknowledgement: {zh: {subject: "您的投诉 {case.id} 已受理", body: "我们已收到。"}}
notifications:
  notifiers: {mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1}}}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: acknowledgement}
"""
)
COMPLAINT = b"""\
From wang@example.cn Mon Nov 23 09:00:00 2026
Return-Path: <wang@example.cn>
From: =?utf-8?b?546L6Iqz?= <wang@example.cn>
Subject: =?utf-8?b?5rC0566h5ryP5rC0?=
Date: Mon, 23 Nov 2026 09:00:00 +0800
Message-ID: <c1@example.cn>

The water pipe you installed is leaking.
"""
BOUNCE = b"""\
From MAILER-DAEMON Mon Nov 23 09:05:00 2026
Return-Path: <>
From: MAILER-DAEMON@mx.example.cn (Mail Delivery System)
To: care@shop.example
Subject: Undelivered Mail Returned to Sender
Date: Mon, 23 Nov 2026 09:05:00 +0800
Message-ID: <20261123010500.ABC@mx.example.cn>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="B1"

--B1
Content-Type: text/plain; charset=us-ascii

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<wang@example.cn>: host mx.example.cn said: 550 5.1.1 User unknown

--B1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.cn

Final-Recipient: rfc822; wang@example.cn
Original-Recipient: rfc822;wang@example.cn
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown

--B1
Content-Type: text/rfc822-headers

From: care@shop.example
To: wang@example.cn
Subject: =?utf-8?b?5oKo55qE5oqV6K+JIENLLTEg5bey5Y+X55CG?=
Message-ID: <CK-20261123-0001.1@shop.example>

--B1--
"""


def plain_bounce(*headers: str, separator: str = "From x@mx.example.cn") -> bytes:
    """A bounce without a report part, as qmail and older Exims write them."""
    return (
        f"{separator} Mon Nov 23 09:05:00 2026\n"
        + "".join(f"{h}\n" for h in headers)
        + "To: care@shop.example\nSubject: failure notice\n"
        "Date: Mon, 23 Nov 2026 09:05:00 +0800\nMessage-ID: <b2@mx.example.cn>\n\n"
        "Hi. This is the qmail-send program at mx.example.cn.\n"
        "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
        "<wang@example.cn>: 550 5.1.1 User unknown\n"
        "--- Below this line is a copy of the message.\n\n"
        "From: care@shop.example\nSubject: CK-1\n\nWe have received your complaint.\n"
    ).encode()


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Iterator[Desk]:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    desk = Desk(load_policy(path), storage=f"sqlite:///{tmp_path / 'cases.db'}")
    with desk.storage:
        yield desk


def sent_to(desk: Desk) -> list[str]:
    return [d.outgoing.payload["to"] for d in desk.storage.deliveries("pending")]


def test_a_bounce_is_a_dead_letter_naming_the_recipient_and_the_message(
    desk: Desk, tmp_path: Path
) -> None:
    box = tmp_path / "inbox.mbox"
    box.write_bytes(COMPLAINT + BOUNCE)
    summary = take_in(desk, "email", MailChannel().read(str(box)))
    assert (summary.opened, len(summary.rejected)) == (1, 1)
    ((where, reason),) = summary.rejected
    assert where == "inbox.mbox#2"
    assert reason.startswith("report: is a delivery report (report-type=delivery-status)")
    assert "wang@example.cn failed (5.1.1; smtp; 550 5.1.1 User unknown)" in reason
    assert "message <CK-20261123-0001.1@shop.example>" in reason
    assert sent_to(desk) == ["wang@example.cn"]  # the complaint's acknowledgement, no other
    (letter,) = desk.storage.dead_letters()
    assert letter.raw == BOUNCE  # nothing is lost


@pytest.mark.parametrize(
    ("headers", "separator"),
    [
        (["Return-Path: <>", "From: MAILER-DAEMON@mx.example.cn"], "From MAILER-DAEMON"),
        (["From: Mail Delivery System <Mailer-Daemon@mx.example.cn>"], "From x@mx.example.cn"),
        (
            [
                "From: Mail Delivery System <Mailer-Daemon@mx.example.cn>",
                "Auto-Submitted: auto-replied",
            ],
            "From x@mx.example.cn",
        ),
        (["Return-Path: < >", "From: bounces@mx.example.cn"], "From x@mx.example.cn"),
    ],
)
def test_a_bounce_without_a_report_part_is_a_dead_letter(
    desk: Desk, tmp_path: Path, headers: list[str], separator: str
) -> None:
    box = tmp_path / "inbox.mbox"
    box.write_bytes(plain_bounce(*headers, separator=separator))
    summary = take_in(desk, "email", MailChannel().read(str(box)))
    assert summary.opened == 0
    ((_, reason),) = summary.rejected
    assert reason.startswith("report: is a delivery report ("), reason
    assert sent_to(desk) == []


def test_an_mbox_separator_from_mailer_daemon_is_no_bounce(desk: Desk, tmp_path: Path) -> None:
    """Python's ``mailbox`` writes it for any message whose sender it was not told."""
    box = tmp_path / "inbox.mbox"
    box.write_bytes(COMPLAINT.replace(b"From wang@example.cn Mon", b"From MAILER-DAEMON Mon"))
    summary = take_in(desk, "email", MailChannel().read(str(box)))
    assert (summary.opened, summary.rejected) == (1, [])


def test_a_read_receipt_is_a_report_too(desk: Desk, tmp_path: Path) -> None:
    receipt = (
        BOUNCE.replace(b"delivery-status;", b"disposition-notification;")
        .replace(b"message/delivery-status", b"message/disposition-notification")
        .replace(b"Return-Path: <>\n", b"Return-Path: <wang@example.cn>\n")
    )
    (tmp_path / "read.eml").write_bytes(receipt)
    summary = take_in(desk, "email", MailChannel().read(str(tmp_path / "read.eml")))
    ((_, reason),) = summary.rejected
    assert reason.startswith("report: is a report (report-type=disposition-notification)")
    assert sent_to(desk) == []


def test_intake_exits_3_and_names_the_bounce(desk: Desk, tmp_path: Path) -> None:
    (tmp_path / "bounce.eml").write_bytes(BOUNCE.split(b"\n", 1)[1])  # no mbox separator
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    base = ["--db", db, "--policy", str(tmp_path / "policy.yaml")]
    args = [*base, "intake", "--channel", "email", str(tmp_path / "bounce.eml")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 3, result.output
    assert "bounce.eml: report: is a delivery report" in result.output
    counted = CliRunner().invoke(cli, [*base, "dead-letters", "count"])
    assert "report" in counted.output.splitlines()[0]
    assert desk.find() == []
    assert sent_to(desk) == []
