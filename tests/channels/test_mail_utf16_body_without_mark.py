"""A text part labelled ``charset=utf-16`` with no byte order mark was read
little-endian, Python's default, so a big-endian part (as RFC 2781 §4.3 reads an
unmarked one, and Java's and .NET's big-endian encoders write it) came out as
刀攀昀甀渀搀 for ``Refund``. Encoded words were already read so. A part is now read in the
byte order in which it reads as more ASCII (its NUL before each ASCII character:
big-endian) and common Chinese, Japanese or Korean; big-endian when that does not tell."""

from __future__ import annotations

import base64
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail


def _mail(data: bytes, label: str = "utf-16") -> bytes:
    return (
        b"From: a@example.cn\r\nMessage-ID: <u16b@example.cn>\r\n"
        b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: s\r\n"
        + f"Content-Type: text/plain; charset={label}\r\n".encode()
        + b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.b64encode(data)
        + b"\r\n"
    )


@pytest.mark.parametrize("codec", ["utf-16-be", "utf-16-le"])
@pytest.mark.parametrize(
    "text", ["Refund please", "OK", "退款 Refund", "订单 1234 还没到", "漏水", "请处理"]
)
def test_an_unmarked_utf16_part_is_read_in_its_byte_order(text: str, codec: str) -> None:
    assert parse_mail(_mail(text.encode(codec))).text == text


def test_an_unmarked_utf16_part_nothing_tells_is_read_big_endian() -> None:
    # Ă is 01 02, and ȁ 02 01: neither is common, so RFC 2781's default decides
    assert parse_mail(_mail("Ă".encode("utf-16-be"))).text == "Ă"


@settings(max_examples=60, deadline=None)
@given(
    st.text(st.sampled_from(string.ascii_letters + string.digits + " .,!"), min_size=1)
    .filter(str.strip)
    .map(lambda ascii_text: ascii_text[:20]),
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), max_size=10),
    st.sampled_from(["utf-16-be", "utf-16-le"]),
)
def test_ascii_and_chinese_in_unmarked_utf16_is_read(ascii_text: str, han: str, codec: str) -> None:
    text = (han + ascii_text).strip()
    assert parse_mail(_mail(text.encode(codec))).text == text
