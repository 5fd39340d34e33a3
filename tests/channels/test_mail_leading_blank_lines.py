"""Blank lines before a message's first header (a script printed one before the message)
do not make its headers a body: the message is read, not refused for want of a From."""

from __future__ import annotations

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

MESSAGE = (
    b"From: jane@example.com\r\nDate: Mon, 23 Nov 2026 09:00:00 +0800\r\nSubject: s\r\n"
    b"Message-ID: <blank-lines@x>\r\n\r\nthe kettle leaks\r\n"
)


@pytest.mark.parametrize("before", [b"\r\n", b"\n\n", b"\r\n\r\n\r\n", b"\xef\xbb\xbf\r\n"])
def test_blank_lines_before_the_headers_are_not_part_of_the_message(before: bytes) -> None:
    complaint = parse_mail(before + MESSAGE)
    assert (complaint.external_id, complaint.text) == ("blank-lines@x", "the kettle leaks")


def test_a_message_of_blank_lines_is_still_empty() -> None:
    with pytest.raises(InvalidInput, match="is empty"):
        parse_mail(b"\r\n\r\n")
