"""A body in GBK, Big5 or Shift-JIS cut short inside its last character (a gateway that
truncates a message at a number of bytes, a base64 block cut with it) cannot be read
whole, and is refused saying so: it was advised a charset that reads the half character
as a whole one (``it reads as shift_jis``), which would take the text in garbled. UTF-8 so
cut is read, its half character as U+FFFD, as before."""

from __future__ import annotations

import base64

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

TEXT = "漏水了，请退款"  # noqa: RUF001 -- a Chinese comma


def _mail(body: bytes, charset: str) -> bytes:
    return (
        "From: a@example.cn\r\nMessage-ID: <c1@example.cn>\r\nSubject: leak\r\n"
        "Date: Mon, 23 Nov 2026 09:30:00 +0800\r\n"
        f"Content-Type: text/plain; charset={charset}\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n"
    ).encode() + base64.encodebytes(body)


@pytest.mark.parametrize(
    ("charset", "text"),
    [("gbk", TEXT), ("gb18030", TEXT), ("big5", "漏水了請退款"), ("shift_jis", "水漏れです")],
)
def test_a_body_cut_inside_its_last_character_says_so(charset: str, text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_mail(text.encode(charset)[:-1], charset))
    assert refused.value.field == "part 0 (text/plain)"
    assert "cut short" in refused.value.message
    assert "reads as" not in refused.value.message


def test_a_utf8_body_so_cut_is_read() -> None:
    assert parse_mail(_mail(TEXT.encode()[:-1], "utf-8")).text == TEXT[:-1] + "\ufffd"
