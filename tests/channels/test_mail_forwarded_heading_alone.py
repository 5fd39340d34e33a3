"""A message whose only text was the heading of a message forwarded inside it (a photo
forwarded from a phone, ``message/rfc822`` holding an image alone) opened a case whose
text was "---------- Forwarded message --------- From: …": no word of anyone's. It is a
dead letter naming the attachments it holds, as a message of attachments alone is."""

from __future__ import annotations

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

HEAD = (
    b"From: Zhang Wei <zhang.wei@example.cn>\r\nMessage-ID: <fw-2@example.cn>\r\n"
    b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: photo\r\nMIME-Version: 1.0\r\n"
)
INNER = (
    b"From: Li <li@example.cn>\r\nSubject: broken\r\n"
    b"Content-Type: image/jpeg; name=IMG_0001.jpg\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    b"/9j/4AAQ\r\n"
)


@pytest.mark.parametrize(
    "body",
    [
        b"Content-Type: message/rfc822\r\n\r\n" + INNER,
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: message/rfc822\r\n\r\n" + INNER + b"--b--\r\n",
    ],
    ids=["whole", "in-multipart"],
)
def test_a_forwarded_heading_alone_is_no_text(body: bytes) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(HEAD + body)
    assert refused.value.field == "body"
    assert "IMG_0001.jpg (image/jpeg)" in refused.value.message


def test_a_forwarded_letter_with_words_is_read() -> None:
    body = b"Content-Type: message/rfc822\r\n\r\nFrom: Li <li@example.cn>\r\n\r\nIt broke.\r\n"
    assert parse_mail(HEAD + body).text.endswith("It broke.")
