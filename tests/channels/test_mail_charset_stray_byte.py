"""A mail part whose charset holds a stray byte beyond ASCII (``charset=utf-8\\xff``) is
refused naming the charset as its bytes were sent, not as Python's escape of a byte it
could not read (``'utf-8\\udcff'``, which names no byte anyone sent)."""

from __future__ import annotations

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

HEAD = (
    b"From: a@example.cn\r\nMessage-ID: <s1@example.cn>\r\n"
    b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: s\r\n"
)


@pytest.mark.parametrize("charset", [b"utf-8\xff", b'"gbk\xff"', b"utf-8\xa0\xff"])
@pytest.mark.parametrize("text", [b"late again", "漏水".encode("gbk")])
def test_a_part_so_declared_is_refused_naming_the_byte(charset: bytes, text: bytes) -> None:
    mail = HEAD + b"Content-Type: text/plain; charset=" + charset + b"\r\n\r\n" + text
    with pytest.raises(InvalidInput) as refused:
        parse_mail(mail)
    assert refused.value.field == "part 0 (text/plain)"
    assert "\\xff" in refused.value.message
    assert "\\udc" not in refused.value.message


@pytest.mark.parametrize("charset", [b"big5\xff", b'"big5\xff"'])
def test_a_raw_header_is_not_read_in_the_charset_without_the_byte(charset: bytes) -> None:
    """A Subject sent in raw 8-bit bytes is read in the charset the message's Content-Type
    names: one holding a stray byte names none, so the header is refused naming it rather
    than read in ``big5``, the name without the byte (a multipart's own text part is
    labelled well: only the header would be read by the stray name)."""
    mail = (
        HEAD.replace(b"Subject: s\r\n", b"Subject: " + "送餐非常慢".encode("big5") + b"\r\n")
        + b"Content-Type: multipart/mixed; boundary=B; charset="
        + charset
        + b"\r\n\r\n--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nlate\r\n--B--\r\n"
    )
    with pytest.raises(InvalidInput) as refused:
        parse_mail(mail)
    assert refused.value.field == "Subject"
    assert "\\xff" in refused.value.message
