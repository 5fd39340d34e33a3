"""A body labelled with a byte order (``utf-16-le``, ``utf-32-be``…) that starts with a
byte order mark all the same, as .NET and Windows scripts write their strings: the mark
is no character of the text (RFC 2781 has such a label's text start without one, and a
mark there is no word anyone wrote). A mark naming the other byte order says how the
text is written, and it is read so, not as characters no one wrote."""

from __future__ import annotations

import base64
import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail

TEXT = "漏水了\uff0c请退款。Leaking, refund please."
MARKS = {
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


def _mail(body: bytes, charset: str, *, base64_body: bool = True) -> bytes:
    encoding = "base64" if base64_body else "binary"
    payload = base64.encodebytes(body) if base64_body else body
    return (
        "From: a@example.cn\r\nMessage-ID: <m1@example.cn>\r\nSubject: leak\r\n"
        "Date: Mon, 23 Nov 2026 09:30:00 +0800\r\n"
        f"Content-Type: text/plain; charset={charset}\r\n"
        f"Content-Transfer-Encoding: {encoding}\r\n\r\n"
    ).encode() + payload


@pytest.mark.parametrize("charset", sorted(MARKS))
@pytest.mark.parametrize("base64_body", [True, False])
def test_a_mark_before_text_in_the_labelled_byte_order_is_no_character(
    charset: str, base64_body: bool
) -> None:
    body = MARKS[charset] + TEXT.encode(charset)
    assert parse_mail(_mail(body, charset, base64_body=base64_body)).text == TEXT


@pytest.mark.parametrize(
    ("label", "written_in"), [("utf-16-le", "utf-16-be"), ("utf-16-be", "utf-16-le")]
)
def test_a_mark_of_the_other_byte_order_is_read_as_it_says(label: str, written_in: str) -> None:
    body = MARKS[written_in] + TEXT.encode(written_in)
    assert parse_mail(_mail(body, label)).text == TEXT


@settings(max_examples=60, deadline=None)
@given(
    st.text(st.characters(categories=["L", "N", "P"]), min_size=1, max_size=40),
    st.sampled_from(sorted(MARKS)),
)
def test_marked_wide_text_is_read_as_written(text: str, charset: str) -> None:
    body = MARKS[charset] + text.encode(charset)
    assert parse_mail(_mail(body, charset)).text == text
