"""The SMTP notifier: one e-mail per message through smtplib, UTF-8 throughout."""

from __future__ import annotations

import re
import smtplib
import ssl
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from complaintkit.errors import ConfigError
from complaintkit.notify.base import Message
from complaintkit.notify.webhook import DELIVERY_HEADER

#: A delivery id that can stand as a Message-ID's left part (RFC 5322 dot-atom text).
_ID_LEFT = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")


class SmtpNotifier:
    """Sends through ``host:port``; ``starttls`` upgrades the connection before logging in.

    Subjects and bodies are UTF-8 (RFC 2047 encoded words in headers), so Chinese and
    English messages arrive intact. A connection is opened per message: notifications are
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
        mail = EmailMessage()
        mail["From"] = self.sender
        mail["To"] = message.to
        # one line: a template may put the customer's own subject there, line breaks and all,
        # and a header holding one is refused (it could add headers of its own)
        mail["Subject"] = " ".join(message.subject.split())
        mail["Date"] = format_datetime(datetime.now(UTC))
        mail["Message-ID"] = self.message_id(message.delivery_id)
        if _ID_LEFT.fullmatch(message.delivery_id):
            mail[DELIVERY_HEADER] = message.delivery_id
        if message.case_id:
            mail["X-Complaintkit-Case"] = message.case_id
        mail.set_content(message.body, charset="utf-8")
        return mail

    def message_id(self, delivery_id: str) -> str:
        """``<delivery-id@sender-domain>``: the same on every attempt at one delivery, so a
        receiver that got the message before can drop the repeat. A message sent outside
        the outbox (no delivery id, or one unfit for the header) gets a fresh one."""
        domain = self.sender.rpartition("@")[2]
        if _ID_LEFT.fullmatch(delivery_id):
            return f"<{delivery_id}@{domain}>"
        return make_msgid(domain=domain)

    def send(self, message: Message) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as server:
            if self.starttls:
                server.starttls(context=ssl.create_default_context())
            if self.username:
                server.login(self.username, self.password or "")
            server.send_message(self.email(message))
