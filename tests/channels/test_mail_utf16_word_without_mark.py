"""An encoded word labelled ``utf-16`` with no byte order mark is big-endian (RFC 2781
§4.3), as Java's and .NET's big-endian encoders write it; Python's ``utf-16`` codec reads
such bytes little-endian, so an all-ASCII Subject or attachment name (``Refund``) came out
as 刀攀昀甀渀搀, characters no one wrote. Where the word's NULs say its byte order — before
each ASCII character, big-endian; after it, little-endian — it is read in that order."""

from __future__ import annotations

import base64
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail


def _mail(subject: str, filename: str = "photo.png") -> bytes:
    return (
        "From: a@example.com\r\nMessage-ID: <u16@example.com>\r\n"
        f"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: {subject}\r\n"
        "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n"
        "--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhello\r\n"
        f'--XX\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename="{filename}"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--XX--\r\n"
    ).encode()


def _word(data: bytes, label: str = "utf-16") -> str:
    return f"=?{label}?B?{base64.b64encode(data).decode()}?="


@pytest.mark.parametrize("codec", ["utf-16-be", "utf-16-le"])
@pytest.mark.parametrize("text", ["Refund", "OK", "Order 1234 late!", "Refund 退款"])
def test_an_unmarked_utf16_subject_is_read_in_its_byte_order(text: str, codec: str) -> None:
    assert parse_mail(_mail(_word(text.encode(codec)))).subject == text


@pytest.mark.parametrize("codec", ["utf-16-be", "utf-16-le"])
def test_an_unmarked_utf16_attachment_name_is_read_in_its_byte_order(codec: str) -> None:
    complaint = parse_mail(_mail("s", _word("photo.png".encode(codec))))
    assert complaint.attributes["attachments"][0]["filename"] == "photo.png"


def test_a_marked_utf16_word_is_read_by_its_mark() -> None:
    assert parse_mail(_mail(_word("Refund".encode("utf-16")))).subject == "Refund"


@settings(max_examples=40, deadline=None)
@given(
    st.text(
        st.sampled_from(string.ascii_letters + string.digits + ".,!-"), min_size=1, max_size=30
    ),
    st.sampled_from(["utf-16-be", "utf-16-le"]),
)
def test_any_ascii_subject_in_unmarked_utf16_is_read(text: str, codec: str) -> None:
    assert parse_mail(_mail(_word(text.encode(codec)))).subject == text
