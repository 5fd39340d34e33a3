"""An encoded word labelled ``utf-16`` (or UTF-32) whose bytes are 8-bit text — a .NET
client naming its default over the UTF-8 it wrote — was read as UTF-16: the Subject
Утюг сломан became ꏐ苑軑돐턠, characters no one wrote. A body part so labelled is
refused; so now is such a word, naming the header and what it reads as."""

from __future__ import annotations

import base64

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput


def mail(subject: str) -> bytes:
    return (
        "From: a@example.com\r\nMessage-ID: <w16@example.com>\r\n"
        f"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: {subject}\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nbody\r\n"
    ).encode()


def word(label: str, data: bytes) -> str:
    return f"=?{label}?B?{base64.b64encode(data).decode()}?="


@pytest.mark.parametrize("label", ["utf-16", "utf-16le", "utf-16be", "ucs-2"])
@pytest.mark.parametrize("text", ["Утюг сломан", "外卖送晚了", "Утюг сломан!"])
def test_an_8bit_word_labelled_utf16_is_refused(label: str, text: str) -> None:
    data = text.encode()
    with pytest.raises(InvalidInput) as refused:
        parse_mail(mail(word(label, data + b" " * (len(data) % 2))))
    assert refused.value.field == "Subject"
    assert "utf-8" in refused.value.message


@pytest.mark.parametrize("label", ["utf-16", "utf-16le"])
def test_a_utf16_word_is_read(label: str) -> None:
    codec = "utf-16" if label == "utf-16" else "utf-16-le"
    assert parse_mail(mail(word(label, "漏水 late".encode(codec)))).subject == "漏水 late"
