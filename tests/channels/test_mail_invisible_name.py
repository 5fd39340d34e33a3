"""A sender's display name of invisible characters alone (an encoded word holding a
zero-width space or a byte order mark) names no one: the message is taken in with no name,
as one whose From has none, instead of becoming a dead letter the customer cannot mend."""

from __future__ import annotations

import base64

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail

INVISIBLE = st.text(st.sampled_from("\ufeff\u200b\u200c\u200e\u2060\u00ad"), min_size=1)


def from_name(name: str) -> bytes:
    word = base64.b64encode(name.encode()).decode()
    return (
        f"From: =?utf-8?b?{word}?= <jane@example.com>\r\n"
        "Date: Mon, 23 Nov 2026 09:00:00 +0800\r\nSubject: s\r\n"
        "Message-ID: <invisible-name@x>\r\n\r\nThe fridge does not cool.\r\n"
    ).encode()


@given(name=INVISIBLE)
def test_an_invisible_display_name_is_no_name(name: str) -> None:
    complaint = parse_mail(from_name(name))
    assert complaint.customer.name is None
    assert complaint.customer.id == "jane@example.com"


def test_a_display_name_with_letters_is_kept() -> None:
    assert parse_mail(from_name("王芳")).customer.name == "王芳"
