"""An encoded word labelled RFC 1428's ``unknown-8bit`` or ``x-unknown`` (a gateway that
did not know the charset of the 8-bit Subject it encoded) refused the whole message,
'an encoded word in unknown charset', where a body part so labelled, an attachment's
name and a raw 8-bit Subject are read as unlabelled text is: as UTF-8, else GB18030 (Korean,
Russian, Japanese as such). Words of it cut inside a character are read together."""

from __future__ import annotations

import base64

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput


def mail(subject: bytes) -> bytes:
    return (
        b"From: a@example.cn\r\nMessage-ID: <u1@example.cn>\r\n"
        b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: "
        + subject
        + b"\r\nContent-Type: text/plain\r\n\r\nbody\r\n"
    )


def word(label: str, data: bytes) -> bytes:
    return f"=?{label}?B?{base64.b64encode(data).decode()}?=".encode()


@pytest.mark.parametrize("label", ["unknown-8bit", "x-unknown", "UNKNOWN-8BIT"])
@pytest.mark.parametrize("written", ["utf-8", "gbk"])
def test_an_unknown_charset_word_reads_as_unlabelled_text(label: str, written: str) -> None:
    subject = "外卖送晚了 退款"
    assert parse_mail(mail(word(label, subject.encode(written)))).subject == subject


def test_words_cut_inside_a_character_are_read_together() -> None:
    data = "外卖送晚了".encode("gbk")
    subject = word("x-unknown", data[:3]) + b" " + word("x-unknown", data[3:])
    assert parse_mail(mail(subject)).subject == "外卖送晚了"


def test_an_unknown_charset_word_no_charset_reads_is_still_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(mail(word("x-unknown", b"\x80\xff\x80")))
    assert refused.value.field == "Subject"
