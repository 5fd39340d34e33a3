"""A text part's Content-Transfer-Encoding: one no mail reader knows (``x-gzip``,
``base-64``) leaves the body encoded, and RFC 2045 (6.4) says to treat such a part as
opaque data. Read as text, the case kept the encoded letters (``H4sIAAAA…``) and not one
of the customer's words, so the part is refused like a charset that cannot be read. A known
one written with stray spaces (``base64 ``) is the known one; uuencoded text that is no
uuencoding is refused, not kept as it was sent."""

from __future__ import annotations

import binascii

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput


def mail(encoding: str, body: str, kind: str = "text/plain; charset=utf-8") -> bytes:
    return (
        "From: Wang Fang <wang@example.cn>\r\n"
        "Subject: leak\r\n"
        "Date: Mon, 23 Nov 2026 10:00:00 +0800\r\n"
        "Message-ID: <cte-1@example.cn>\r\n"
        "MIME-Version: 1.0\r\n"
        f"Content-Type: {kind}\r\n"
        f"Content-Transfer-Encoding: {encoding}\r\n\r\n"
        f"{body}\r\n"
    ).encode()


@pytest.mark.parametrize("encoding", ["x-gzip", "base-64", "x-unknown", "8bit base64"])
def test_an_unknown_transfer_encoding_refuses_the_part(encoding: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(mail(encoding, "H4sIAAAAAAAAA8tIzcnJBwCGphA2BQAAAA=="))
    assert refused.value.field == "part 0 (text/plain)"
    assert "Content-Transfer-Encoding" in refused.value.message


@pytest.mark.parametrize("encoding", ["base64 ", " BASE64", "Base64\t"])
def test_a_known_transfer_encoding_with_spaces_is_decoded(encoding: str) -> None:
    assert parse_mail(mail(encoding, "5ryP5rC0")).text == "漏水"


def test_quoted_printable_with_spaces_is_decoded() -> None:
    assert parse_mail(mail("quoted-printable ", "=E6=BC=8F=E6=B0=B4")).text == "漏水"


def test_uuencoded_text_that_is_no_uuencoding_is_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(mail("x-uuencode", "no begin line here"))
    assert refused.value.field == "part 0 (text/plain)"


def test_an_unreadable_alternative_is_noted_and_the_other_read() -> None:
    raw = mail(
        "7bit",
        "--B\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: x-gzip\r\n\r\n"
        "H4sIAAAA\r\n--B\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>leaking</p>\r\n--B--",
        kind='multipart/alternative; boundary="B"',
    )
    complaint = parse_mail(raw)
    assert complaint.text == "leaking"
    assert complaint.attributes["unread_parts"][0]["part"] == "part 1 (text/plain)"


def test_attachments_with_an_unknown_encoding_are_still_noted() -> None:
    raw = mail(
        "7bit",
        "--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nbroken jar\r\n"
        '--B\r\nContent-Type: image/jpeg; name="a.jpg"\r\nContent-Transfer-Encoding: x-gzip\r\n\r\n'
        "H4sIAAAA\r\n--B--",
        kind='multipart/mixed; boundary="B"',
    )
    complaint = parse_mail(raw)
    assert complaint.text == "broken jar"
    assert [a["filename"] for a in complaint.attributes["attachments"]] == ["a.jpg"]


def test_uuencoded_text_is_read() -> None:
    body = "begin 644 t.txt\r\n" + binascii.b2a_uu("漏水".encode()).decode().rstrip("\n")
    assert parse_mail(mail("x-uuencode", body + "\r\n`\r\nend")).text == "漏水"
