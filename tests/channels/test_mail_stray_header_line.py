"""A header section cut by a line that is no header field (``Subject2 no colon``, a
script's stray line) made the standard library start the body there: the MIME headers
after it were taken in as the complaint's words, its base64 body as letters. Such a
message is a dead letter naming the line; a message whose text simply follows its headers
without the blank line, with no MIME header after, is read as before."""

from __future__ import annotations

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

HEAD = (
    b"From: a@example.cn\r\nMessage-ID: <s1@example.cn>\r\n"
    b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: kettle\r\n"
)


@pytest.mark.parametrize(
    "after",
    [
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n",
        b"MIME-Version: 1.0\r\n",
        b"X-Mailer: script\r\ncontent-transfer-encoding : base64\r\n",
    ],
    ids=["content-type", "mime-version", "later"],
)
def test_a_stray_line_before_mime_headers_is_refused(after: bytes) -> None:
    raw = HEAD + b"Subject2 no colon\r\n" + after + b"\r\n5ryP5rC0\r\n"
    with pytest.raises(InvalidInput) as refused:
        parse_mail(raw)
    assert refused.value.field == "headers"
    assert "Subject2 no colon" in refused.value.message


def test_text_right_after_the_headers_is_read() -> None:
    complaint = parse_mail(HEAD + b"The kettle leaks.\r\nOrder: 123\r\n")
    assert complaint.text == "The kettle leaks.\r\nOrder: 123"
