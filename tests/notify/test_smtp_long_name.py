"""A recipient's name Python cannot fold (one word longer than a mail line may be: RFC 5322
allows 998 characters) wrote a To line the server refuses for good ("500 Line too long"),
and the letter to a good address became a dead letter. The name is left out instead."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from email.headerregistry import Address
from email.message import EmailMessage

import pytest

from complaintkit.errors import ConfigError
from complaintkit.notify.base import Message
from complaintkit.notify.mail_header import recipient
from complaintkit.notify.smtp import SmtpNotifier
from smtp_inbox import Inbox, receiving

#: The longest line RFC 5322 (2.1.1) lets a message hold, without its CRLF.
MAX_LINE = 998


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    with receiving(Inbox()) as server:
        yield server


@pytest.mark.parametrize("length", [MAX_LINE, 2000, 20_000])
def test_a_name_too_long_for_a_line_leaves_the_bare_address(
    smtp_server: tuple[Inbox, int], length: int
) -> None:
    inbox, port = smtp_server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    to = f"{'N' * length} <sam@example.com>"
    notifier.send(Message(to=to, subject="s", body="b", case_id="CK-1"))
    (arrived,) = inbox.received
    parsed = email.message_from_bytes(arrived.as_bytes(), policy=email.policy.default)
    assert parsed["To"] == "sam@example.com"


@pytest.mark.parametrize("policy", [email.policy.SMTP, email.policy.SMTPUTF8])
@pytest.mark.parametrize("name", ["N" * 990, "王" * 990, f"Sam {'x' * 1200} Lee", "Sam Lee"])
def test_every_line_of_a_to_header_fits_a_mail_line(
    policy: email.policy.EmailPolicy[EmailMessage], name: str
) -> None:
    mail = EmailMessage(policy=policy)
    mail["To"] = recipient(Address(name, "sam", "example.com"))
    assert all(len(line) <= MAX_LINE for line in mail.as_bytes().split(b"\r\n"))


def test_a_sender_name_too_long_for_a_line_is_refused_when_configured() -> None:
    with pytest.raises(ConfigError, match="line"):
        SmtpNotifier(sender=f"{'N' * 2000} <care@shop.example>", port=1)
