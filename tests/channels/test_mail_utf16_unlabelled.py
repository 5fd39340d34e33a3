"""A text part in UTF-16 that names no charset (a Windows script writing its strings as
they are in memory, behind their byte order mark) was refused as "not valid us-ascii
(byte 0)", with no word of what it is in, and no retry could ever take it in: mail has
no charset to give anew. A part behind UTF-16's or UTF-32's mark, which no 8-bit text
starts with, is read as the mark says; one without a mark, its ASCII every other byte a
NUL, is refused saying it reads as UTF-16."""

from __future__ import annotations

import base64
import codecs

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

HEAD = (
    b"From: a@example.cn\r\nMessage-ID: <w1@example.cn>\r\n"
    b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: s\r\n"
)
TEXT = "Order 123: 退款还没到账 please help"
MARKED = [
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
]


def _mail(payload: bytes, head: bytes = b"Content-Type: text/plain\r\n") -> bytes:
    return HEAD + head + b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.b64encode(payload)


@pytest.mark.parametrize("payload", MARKED, ids=["utf-16-le", "utf-16-be", "utf-32-le"])
@pytest.mark.parametrize(
    "head",
    [b"Content-Type: text/plain\r\n", b"", b"Content-Type: text/plain; charset=unknown-8bit\r\n"],
)
def test_a_marked_wide_part_naming_no_charset_is_read_as_its_mark_says(
    payload: bytes, head: bytes
) -> None:
    assert parse_mail(_mail(payload, head)).text == TEXT


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_an_unmarked_wide_part_is_refused_saying_what_it_reads_as(encoding: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_mail(TEXT.encode(encoding)))
    assert refused.value.field == "part 0 (text/plain)"
    assert encoding in refused.value.message


def test_a_marked_wide_part_labelled_utf8_is_refused_saying_what_it_reads_as() -> None:
    payload = codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_mail(payload, b"Content-Type: text/plain; charset=utf-8\r\n"))
    assert "utf-16-le" in refused.value.message
