"""The SMTP notifier: one e-mail per message through smtplib, UTF-8 throughout."""

from __future__ import annotations

import smtplib
import ssl
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.errors import ConfigError
from complaintkit.notify.base import Message
from complaintkit.notify.mail_address import one_address
from complaintkit.notify.visible_text import visible


class SmtpNotifier:
    """Sends through ``host:port``; ``starttls`` upgrades the connection before logging in.

    Subjects and bodies are UTF-8 (RFC 2047 encoded words in headers), so Chinese and
    English messages arrive intact. A recipient that is not exactly one e-mail address (a
    phone number, two addresses) is refused for good: the message becomes a dead letter
    rather than a delivery to whatever part of it parses. Control and bidi characters in the
    subject, the recipient's name and the body are shown as ``[U+XXXX]``. A connection is opened per message: notifications are
    infrequent and a long-lived SMTP session would time out between them.
    """

    def __init__(
        self,
        *,
        sender: str,
        host: str = "localhost",
        port: int | str = 25,
        starttls: bool | str = False,
        username: str | None = None,
        password: str | None = None,
        timeout: float | str = 30.0,
    ) -> None:
        if "@" not in sender:
            raise ConfigError(f"smtp notifier: sender {sender!r} is not an e-mail address")
        self.sender = sender
        self.host = host
        self.port = int(port)
        self.starttls = starttls in (True, "true", "yes", "1")
        self.username = username
        self.password = password
        self.timeout = float(timeout)

    def email(self, message: Message) -> EmailMessage:
        to = one_address(message.to)
        if to is None:
            raise DeliveryFailed(
                f"no e-mail address: {visible(message.to)!r} is not exactly one e-mail address",
                final=True,
            )
        mail = EmailMessage()
        mail["From"] = self.sender
        mail["To"] = to
        # one line: a template may put the customer's own subject there, line breaks and all,
        # and a header holding one is refused (it could add headers of its own)
        mail["Subject"] = visible(" ".join(message.subject.split()))
        mail["Date"] = format_datetime(datetime.now(UTC))
        mail["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2])
        if message.case_id:
            mail["X-Complaintkit-Case"] = message.case_id
        mail.set_content(visible(message.body, keep="\r\n\t"), charset="utf-8")
        return mail

    def send(self, message: Message) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as server:
            if self.starttls:
                server.starttls(context=ssl.create_default_context())
            if self.username:
                server.login(self.username, self.password or "")
            server.send_message(self.email(message))
