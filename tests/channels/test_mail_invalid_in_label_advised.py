"""A text part whose bytes are not valid in the charset it declares, but read cleanly in
another: GBK labelled UTF-8 (a script that sent a Windows file as it was), UTF-8 labelled
GBK. The reason said only 'is not valid utf-8 (byte 0: invalid start byte)', while a
part that decodes garbled under its label names the charsets that read it: an operator
was left guessing what the sender wrote, though the bytes say it."""

from __future__ import annotations

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

WORDS = "\u5305\u88f9\u7834\u640d\u4e86, \u6211\u8981\u9000\u6b3e."


def _mail(body: bytes, charset: str) -> bytes:
    head = (
        "From: a@example.cn\r\nMessage-ID: <v1@example.cn>\r\n"
        "Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: broken\r\n"
        f"Content-Type: text/plain; charset={charset}\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
    ).encode()
    return head + body


@pytest.mark.parametrize(
    ("written_in", "label", "reads_as"),
    [("gbk", "utf-8", "gb18030"), ("utf-8", "gbk", "utf-8"), ("big5", "utf-8", "big5hkscs")],
)
def test_bytes_invalid_in_the_label_name_the_charset_they_read_in(
    written_in: str, label: str, reads_as: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_mail(WORDS.encode(written_in), label))
    assert refused.value.field == "part 0 (text/plain)"
    assert f"is not valid {label}" in refused.value.message
    assert f"it reads as {reads_as}" in refused.value.message


def test_bytes_no_charset_reads_name_none() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_mail(b"\xff\xfe\xff\xfe broken", "utf-8"))
    assert "is not valid utf-8" in refused.value.message
    assert "reads as" not in refused.value.message
