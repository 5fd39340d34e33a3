"""A text part in UTF-16 holding Chinese alone, with no line break (sent base64, as
clients send UTF-16), was refused as '8-bit text labelled utf-16le': the check took any
part without a NUL byte for 8-bit text, but 漏水 in UTF-16-LE is 0F 6F 34 6C, no NUL. Such
a part is 8-bit text only when it reads as unlabelled text does without a control
character (漏水's bytes read as UTF-8 hold U+000F); it is now read as labelled, and the
UTF-8 or GBK text so labelled is still refused."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


def mail(data: bytes, label: str) -> bytes:
    return (
        b"From: a@example.cn\r\nMessage-ID: <u16@example.cn>\r\n"
        b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: s\r\n"
        + f"Content-Type: text/plain; charset={label}\r\n".encode()
        + b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.b64encode(data)
        + b"\r\n"
    )


@pytest.mark.parametrize(
    ("label", "codec"),
    [("utf-16le", "utf-16-le"), ("utf-16", "utf-16-le"), ("utf-16be", "utf-16-be")],
)
@pytest.mark.parametrize("text", ["漏水", "漏水了", "请处理"])
def test_chinese_in_utf16_without_a_nul_is_read(label: str, codec: str, text: str) -> None:
    data = text.encode(codec)
    assert b"\0" not in data
    assert parse_mail(mail(data, label)).text == text


@settings(max_examples=100, deadline=None)
@given(st.text(HAN, min_size=1, max_size=12))
def test_han_text_in_utf16_is_read_or_refused_never_garbled(text: str) -> None:
    try:
        read = parse_mail(mail(text.encode("utf-16-le"), "utf-16le")).text
    except InvalidInput:
        return
    assert read == text


@pytest.mark.parametrize("written_in", ["utf-8", "gbk"])
def test_8bit_text_so_labelled_is_still_refused(written_in: str) -> None:
    data = "外卖送得太慢了 退款".encode(written_in)
    with pytest.raises(InvalidInput):
        parse_mail(mail(data + b" " * (len(data) % 2), "utf-16le"))
