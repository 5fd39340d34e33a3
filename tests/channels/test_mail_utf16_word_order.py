"""An RFC 2047 encoded word labelled UTF-16 with no byte order mark and no ASCII, so no NUL
to tell its byte order by (Chinese alone: 漏水了), was read little-endian, Python's default,
so a big-endian one (RFC 2781's reading, Java's and .NET's big-endian encoders') came out
as characters no one writes (漏水 as U+0F6F U+346C). Such a word is now read in the order
a mail part so labelled is (``channels.utf16_order``): the one reading more common
characters, big-endian when nothing tells."""

from __future__ import annotations

import base64

import pytest

from complaintkit.channels.mail_message import parse_mail

TEXTS = [
    "漏水了",
    "外卖送得太慢了",
    "退款",
    "配送延迟\uff0c要求赔偿",
    "ハンバーガー",
    "배송이 늦었어요",
]


def _mail(subject: str) -> bytes:
    return (
        b"From: a@example.cn\r\nMessage-ID: <w16@example.cn>\r\n"
        b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: "
        + subject.encode("ascii")
        + b"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nbody\r\n"
    )


def _word(text: str, codec: str, label: str = "utf-16") -> str:
    return f"=?{label}?B?{base64.b64encode(text.encode(codec)).decode('ascii')}?="


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("codec", ["utf-16-be", "utf-16-le"])
def test_a_word_without_ascii_is_read_in_its_own_order(text: str, codec: str) -> None:
    assert parse_mail(_mail(_word(text, codec))).subject == text


@pytest.mark.parametrize("codec", ["utf-16-be", "utf-16-le"])
def test_ascii_is_read_in_its_own_order_still(codec: str) -> None:
    assert parse_mail(_mail(_word("Refund please", codec, "UTF-16"))).subject == "Refund please"
