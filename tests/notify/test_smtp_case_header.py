"""The case id went into ``X-Complaintkit-Case`` as it was given: a ``Message`` built by an
application (or read from an outbox edited outside complaintkit) whose case id held encoded
words (``=?utf-8?q?CK=0D=0ABcc:_x@evil?=``) added a Bcc header of its making, and one
holding a line break failed every attempt with Python's ValueError. It is written as the
subject is: one visible line, read back as given."""

from __future__ import annotations

import email
import email.policy

import pytest

from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier

HEADERS = {
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "X-Complaintkit-Delivery",
    "X-Complaintkit-Case",
    "Auto-Submitted",
    "Content-Type",
    "Content-Transfer-Encoding",
    "MIME-Version",
}


def written(case_id: str) -> bytes:
    notifier = SmtpNotifier(sender="care@shop.example", port=1)
    message = Message(
        to="sam@example.com", subject="s", body="b", case_id=case_id, delivery_id="d-1"
    )
    return notifier.email(message).as_bytes()


@pytest.mark.parametrize(
    ("case_id", "read"),
    [
        ("CK-01M9292TPF7XJNFBCW", "CK-01M9292TPF7XJNFBCW"),
        ("=?utf-8?q?CK=0D=0ABcc:_x@evil.example?=", "CK Bcc: x@evil.example"),
        ("CK-1\r\nBcc: x@evil.example", "CK-1 Bcc: x@evil.example"),
        ("投诉-1", "投诉-1"),
        ("C" * 2000, "C" * 2000),
    ],
)
def test_the_case_header_is_one_line_read_back_as_given(case_id: str, read: str) -> None:
    mail = written(case_id)
    parsed = email.message_from_bytes(mail, policy=email.policy.default)
    assert set(parsed.keys()) == HEADERS
    assert parsed["X-Complaintkit-Case"] == read
    assert all(len(line) <= 998 for line in mail.splitlines())
