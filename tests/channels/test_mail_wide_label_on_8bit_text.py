"""A text part labelled UTF-16 whose bytes are 8-bit text (UTF-8 or GBK: a .NET client
that names its default encoding whatever it wrote) was taken in garbled where it had an
even number of bytes: ``hello!`` as 敨汬Ⅿ, 退款请处理 as Hangul and private-use characters.
UTF-16 text holds a NUL beside each ASCII character (a line end too), UTF-32 text more:
such a part without one is refused, naming what it reads as."""

from __future__ import annotations

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

HEAD = (
    b"From: a@example.cn\r\nMessage-ID: <w2@example.cn>\r\n"
    b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
)


def mail(body: bytes, label: str) -> bytes:
    return (
        HEAD
        + f"Content-Type: text/plain; charset={label}\r\n".encode()
        + b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        + body
    )


@pytest.mark.parametrize("label", ["utf-16", "UTF-16LE", "utf-16be", "utf-32"])
@pytest.mark.parametrize(
    ("body", "reads_as"),
    [
        ("退款 请处理\r\n".encode(), "utf-8"),
        (b"hello!\r\n", "utf-8"),
        ("外卖送得太慢了\r\n".encode("gbk"), "gb18030"),
    ],
)
def test_8bit_text_labelled_utf16_is_refused_not_garbled(
    body: bytes, reads_as: str, label: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(mail(body, label))
    assert f"it reads as {reads_as}" in str(refused.value)


@pytest.mark.parametrize("label", ["utf-16-le", "utf-16"])
def test_utf16_so_labelled_is_read(label: str) -> None:
    text = "Order 123: 退款还没到账\r\n"
    body = text.encode("utf-16-le") if label == "utf-16-le" else text.encode("utf-16")
    assert parse_mail(mail(body, label)).text == text.strip()
