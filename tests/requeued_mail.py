"""What the tests of a notification refused, dead-lettered and requeued share: a policy
mailing each customer's acknowledgement through an SMTP server on loopback, the complaint
that opens its case, and a mailbox that refuses the recipient until told to take the mail."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session

from complaintkit.testing.policies import MINIMAL_POLICY
from smtp_inbox import Inbox

#: When the complaint arrives; the tests' manual clocks start here.
AT = datetime(2026, 12, 3, 2, tzinfo=UTC)

#: Notifiers and rules beside ``mail`` go where these markers are (``policy``).
_MORE_NOTIFIERS = "    # more notifiers\n"
_MORE_RULES = "    # more rules\n"

POLICY = (
    MINIMAL_POLICY
    + """\
templates:
  ack:
    zh: {subject: "您的投诉已受理", body: "我们已收到您的投诉。"}
notifications:
  notifiers:
    mail: {type: smtp, options: {sender: care@shop.example, host: 127.0.0.1, port: PORT}}
    # more notifiers
  rules:
    - {"on": opened, notify: [customer], via: mail, template: ack}
    # more rules
"""
)


def policy(port: int | str, notifiers: str = "", rules: str = "") -> str:
    """``POLICY`` mailing through ``port``, with the lines ``notifiers`` and ``rules`` added."""
    text = POLICY.replace("PORT", str(port))
    return text.replace(_MORE_NOTIFIERS, notifiers).replace(_MORE_RULES, rules)


#: A complaint from a customer with an e-mail address, in Chinese.
COMPLAINT: dict[str, Any] = {
    "channel": "web",
    "external_id": "M-1",
    "received_at": AT.isoformat(),
    "customer": {"id": "c1", "name": "王芳", "contact": "wang@example.cn"},
    "text": "快递丢了",
    "language": "zh",
}


class RefusingMailbox(Inbox):
    """Answers the recipient with ``answer`` while it is set (a mailbox full, for good),
    then takes the mail."""

    answer: str | None = "552 5.2.2 mailbox full"

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if self.answer is not None:
            return self.answer
        envelope.rcpt_tos.append(address)
        return "250 OK"
