# ruff: noqa: RUF001 -- Chinese test text uses full-width punctuation on purpose
"""A real SMTP round trip against aiosmtpd on localhost, in Chinese and English."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message as MessageHandler

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.testing.server import free_port


class Inbox(MessageHandler):
    def __init__(self) -> None:
        super().__init__(message_class=EmailMessage)
        self.received: list[EmailMessage] = []

    def handle_message(self, message: EmailMessage) -> None:  # type: ignore[override]
        self.received.append(message)


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("您的投诉 CK-1 已受理", "王芳您好：我们已收到您的投诉，将在24小时内回复。"),
        ("We received your complaint CK-1", "Dear Jane, we will reply within 24 hours."),
    ],
)
def test_message_arrives_intact(smtp_server: tuple[Inbox, int], subject: str, body: str) -> None:
    inbox, port = smtp_server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    notifier.send(Message(to="customer@example.cn", subject=subject, body=body, case_id="CK-1"))
    (arrived,) = inbox.received
    parsed = email.message_from_bytes(arrived.as_bytes(), policy=email.policy.default)
    assert parsed["Subject"] == subject
    assert parsed["To"] == "customer@example.cn"
    assert parsed["X-Complaintkit-Case"] == "CK-1"
    assert isinstance(parsed, EmailMessage)
    assert parsed.get_content().strip() == body


def test_refused_connection_raises(smtp_server: tuple[Inbox, int]) -> None:
    notifier = SmtpNotifier(
        sender="care@shop.example", host="127.0.0.1", port=free_port(), timeout=2
    )
    with pytest.raises(ConnectionRefusedError):
        notifier.send(Message(to="x@example.com", subject="s", body="b"))


def test_a_subject_with_line_breaks_arrives_on_one_line_and_adds_no_header(
    smtp_server: tuple[Inbox, int],
) -> None:
    """A template may carry the customer's own subject into the mail's: its line breaks
    (an injected ``Bcc:`` among them) must neither stop the mail nor become headers."""
    inbox, port = smtp_server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    subject = "Re: 牛奶变质\r\nBcc: someone@elsewhere.example\n\tand more"
    notifier.send(Message(to="customer@example.cn", subject=subject, body="hi", case_id="CK-1"))
    (arrived,) = inbox.received
    parsed = email.message_from_bytes(arrived.as_bytes(), policy=email.policy.default)
    assert parsed["Subject"] == "Re: 牛奶变质 Bcc: someone@elsewhere.example and more"
    assert parsed["Bcc"] is None


@pytest.mark.parametrize(
    "contact",
    [
        "+86 138 0013 8000",
        "a@x.com bob",
        "Sam <sam@x.com> evil2",
        "a@x.com, b@y.com",
        "a@x.com\r\nBcc: evil@evil.com",
        "group: a@x.com;",
        "x@",
        "",
        ". <a@x.com>",  # the parser itself fails on it (AttributeError): retried 8 times
    ],
)
def test_a_contact_that_is_not_exactly_one_address_is_refused_for_good(
    smtp_server: tuple[Inbox, int], contact: str
) -> None:
    """A phone number or two addresses are not mailed to whatever part of them parses."""
    inbox, port = smtp_server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    with pytest.raises(DeliveryFailed) as info:
        notifier.send(Message(to=contact, subject="s", body="b"))
    assert info.value.final
    assert "not exactly one e-mail address" in str(info.value)
    assert inbox.received == []


@pytest.mark.parametrize(
    ("contact", "name", "address"),
    [
        ("Dr. Wang <w@shop.example>", "Dr. Wang", "w@shop.example"),
        ("John Q. Public <jqp@example.com>", "John Q. Public", "jqp@example.com"),
    ],
)
def test_a_name_in_obsolete_but_common_syntax_is_mailed(
    smtp_server: tuple[Inbox, int], contact: str, name: str, address: str
) -> None:
    """A period in an unquoted name is RFC 5322's obsolete syntax, which a reader must
    accept: such a contact was dead-lettered as 'not exactly one e-mail address'."""
    inbox, port = smtp_server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    notifier.send(Message(to=contact, subject="s", body="b"))
    (arrived,) = inbox.received
    parsed = email.message_from_bytes(arrived.as_bytes(), policy=email.policy.default)
    (to,) = parsed["To"].addresses
    assert (to.display_name, to.addr_spec) == (name, address)


@pytest.mark.parametrize("contact", ["sam@x.com", "Sam <sam@x.com>", "王芳 <wf@shop.example>"])
def test_one_address_with_or_without_a_name_is_mailed(
    smtp_server: tuple[Inbox, int], contact: str
) -> None:
    inbox, port = smtp_server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    notifier.send(Message(to=contact, subject="s", body="b"))
    (arrived,) = inbox.received
    parsed = email.message_from_bytes(arrived.as_bytes(), policy=email.policy.default)
    assert str(parsed["To"]) == contact


def test_control_and_bidi_characters_from_the_customer_are_shown_not_obeyed(
    smtp_server: tuple[Inbox, int],
) -> None:
    """An override that makes ``gnp.exe`` read ``exe.png``, or an ANSI escape, reaches
    neither the Subject, the recipient's name nor the body as such."""
    inbox, port = smtp_server
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    notifier.send(
        Message(
            to="\u202eevil <sam@x.com>",
            subject="\u202egnp.exe\u202c refund \x1b[31m \u2066x\u2069\x85",
            body="Dear \u202eevil,\n\tline two\x1b[0m",
        )
    )
    (arrived,) = inbox.received
    parsed = email.message_from_bytes(arrived.as_bytes(), policy=email.policy.default)
    assert parsed["Subject"] == "[U+202E]gnp.exe[U+202C] refund [U+001B][31m [U+2066]x[U+2069]"
    assert parsed["To"].addresses[0].display_name == "[U+202E]evil"
    assert parsed["To"].addresses[0].addr_spec == "sam@x.com"
    body = parsed.get_content()
    assert "Dear [U+202E]evil,\n\tline two[U+001B][0m" in body
