"""A message's MIME structure is bounded before it is parsed: the standard library parses
each part's headers in about a millisecond, so 20,000 tiny attachments held the intake
29 seconds and stored 11 MB of attachment notes; and a Content-Type folded onto its next
line (``Content-Type:\\r\\n multipart/mixed``), or written with CR line endings, was not
counted against the limit on nested containers."""

from __future__ import annotations

import pytest

from complaintkit.channels.mail_message import MAX_CONTAINERS, MAX_PARTS, parse_mail
from complaintkit.channels.mail_policy import MAX_MIME_HEADER_CHARS
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


@pytest.mark.parametrize(
    "header",
    [
        b"Content-Type: application/pdf; " + b"; ".join(b"p%d=v" % i for i in range(2_000)),
        b'Content-Disposition: attachment; filename="' + b"a" * 100_000 + b'"',
    ],
)
def test_a_huge_mime_header_refuses_the_message_naming_it(header: bytes) -> None:
    """20,000 parameters took 22 seconds to parse; a file name of 100 kB was kept whole in
    the complaint's attachment notes."""
    raw = (
        HEAD
        + b"Content-Type: multipart/mixed; boundary=b\r\n\r\n"
        + b"--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
        + b"--b\r\n"
        + header
        + b"\r\n\r\nx\r\n--b--\r\n"
    )
    error = refused(raw)
    assert error.field == header.split(b":")[0].decode()
    assert f"{MAX_MIME_HEADER_CHARS:,}" in error.message


def test_a_long_chinese_file_name_is_noted() -> None:
    name = "".join(f"%{b:02X}" for b in ("发票" * 100).encode())
    raw = (
        HEAD
        + b"Content-Type: multipart/mixed; boundary=b\r\n\r\n"
        + b"--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
        + b"--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment;"
        + b" filename*=utf-8''"
        + name.encode()
        + b"\r\n\r\nx\r\n--b--\r\n"
    )
    (attachment,) = parse_mail(raw).attributes["attachments"]
    assert attachment["filename"] == "发票" * 100
