"""A message's MIME structure is bounded before it is parsed: the standard library parses
each part's headers in about a millisecond, so 20,000 tiny attachments held the intake
29 seconds and stored 11 MB of attachment notes; and a Content-Type folded onto its next
line (``Content-Type:\\r\\n multipart/mixed``), or written with CR line endings, was not
counted against the limit on nested containers."""

from __future__ import annotations

import pytest

from complaintkit.channels.mail_message import MAX_CONTAINERS, MAX_PARTS, parse_mail
from complaintkit.errors import InvalidInput

HEAD = (
    b"From: a@example.com\r\nMessage-ID: <m@x>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0800\r\n"
    b"Subject: s\r\nMIME-Version: 1.0\r\n"
)


def many_parts(count: int) -> bytes:
    part = b'--b\r\nContent-Type: application/octet-stream; name="f.bin"\r\n\r\nx\r\n'
    return (
        HEAD
        + b"Content-Type: multipart/mixed; boundary=b\r\n\r\n"
        + b"--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
        + part * count
        + b"--b--\r\n"
    )


def nested(depth: int, content_type: bytes, newline: bytes = b"\r\n") -> bytes:
    opening = b"".join(
        b"--b%d\r\n%sboundary=b%d\r\n\r\n" % (i, content_type, i + 1) for i in range(depth)
    )
    closing = b"".join(b"--b%d--\r\n" % i for i in reversed(range(depth + 1)))
    raw = (
        HEAD
        + content_type
        + b"boundary=b0\r\n\r\n"
        + opening
        + b"--b%d\r\nContent-Type: text/plain\r\n\r\nhello\r\n" % depth
        + closing
    )
    return raw.replace(b"\r\n", newline)


def refused(raw: bytes) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        parse_mail(raw)
    return caught.value


def test_a_message_of_thousands_of_parts_is_refused_unparsed() -> None:
    error = refused(many_parts(MAX_PARTS + 1))
    assert error.field == "Content-Type"
    assert f"{MAX_PARTS:,}" in error.message


def test_a_message_with_many_attachments_below_the_limit_is_read() -> None:
    complaint = parse_mail(many_parts(200))
    assert len(complaint.attributes["attachments"]) == 200


@pytest.mark.parametrize(
    ("content_type", "newline"),
    [
        (b"Content-Type:\r\n multipart/mixed;\r\n ", b"\r\n"),
        (b"Content-Type: (nested) multipart/mixed; ", b"\r\n"),
        (b"Content-Type: multipart/mixed; ", b"\r"),
    ],
)
def test_nested_containers_count_however_their_header_is_written(
    content_type: bytes, newline: bytes
) -> None:
    error = refused(nested(MAX_CONTAINERS + 10, content_type, newline))
    assert error.field == "Content-Type"
    assert f"the limit is {MAX_CONTAINERS}" in error.message
