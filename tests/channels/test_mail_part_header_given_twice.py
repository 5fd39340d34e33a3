"""A mail part giving its Content-Type (or Content-Transfer-Encoding) twice, with different
values (``charset=gbk`` then ``charset=utf-8``, as a relay adding its own header above the
sender's), was read by the first alone: UTF-8 外卖 came in as 澶栧崠, garbled, and nothing
said so. Which one holds is unclear, as for a Subject or a From given twice: such a part is
refused naming the header and both values. The same header given twice alike is read."""

from __future__ import annotations

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

HEAD = (
    b"From: a@example.cn\r\nMessage-ID: <twice@example.cn>\r\n"
    b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: s\r\n"
)
BODY = "外卖送得太慢了".encode()


@pytest.mark.parametrize(
    ("headers", "named"),
    [
        (
            b"Content-Type: text/plain; charset=gbk\r\nContent-Type: text/plain; charset=utf-8\r\n",
            "Content-Type",
        ),
        (
            b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"
            b"Content-Transfer-Encoding: base64\r\n",
            "Content-Transfer-Encoding",
        ),
    ],
)
def test_a_header_given_twice_differently_is_refused(headers: bytes, named: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(HEAD + headers + b"\r\n" + BODY + b"\r\n")
    assert named in refused.value.message
    assert "2 times" in refused.value.message


def test_a_part_inside_a_multipart_is_refused_so_too() -> None:
    raw = (
        HEAD + b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
        b"Content-Type: text/plain; charset=big5\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"\r\n" + BODY + b"\r\n--b--\r\n"
    )
    with pytest.raises(InvalidInput) as refused:
        parse_mail(raw)
    assert "Content-Type" in refused.value.message


def test_a_header_given_twice_alike_is_read() -> None:
    headers = (
        b"Content-Type: text/plain; charset=utf-8\r\nContent-type: text/plain;  charset=UTF-8\r\n"
    )
    assert parse_mail(HEAD + headers + b"\r\n" + BODY + b"\r\n").text == BODY.decode()
