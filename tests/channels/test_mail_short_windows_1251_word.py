"""A mail part or Subject holding one capitalised Russian word in Windows-1251 (Привет,
Москва), too short for the Cyrillic check, was advised gb18030 (``it reads as gb18030 or
big5hkscs or euc_kr``) under a wrong label, and unlabelled was taken in as the rare
Chinese characters GB18030 reads it as (Привет as 橡桠弪). Files were already told such a
record is cp1251 (``readable_as``); mail now reads and advises it so too. Short Chinese
text in GBK keeps being read as Chinese."""

from __future__ import annotations

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

HEAD = (
    b"From: a@example.ru\r\nMessage-ID: <w1251@example.ru>\r\n"
    b"Date: Mon, 23 Nov 2026 09:30:00 +0300\r\n"
)
WORDS = ["Привет", "Москва", "Деньги", "Жалоба", "Брак"]


def _mail(body: bytes, label: str | None, subject: bytes = b"s") -> bytes:
    content_type = (
        b"" if label is None else f"Content-Type: text/plain; charset={label}\r\n".encode()
    )
    return (
        HEAD
        + b"Subject: "
        + subject
        + b"\r\n"
        + content_type
        + b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        + body
        + b"\r\n"
    )


@pytest.mark.parametrize("word", WORDS)
def test_a_word_under_a_utf8_label_is_advised_cp1251(word: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_mail(word.encode("cp1251"), "utf-8"))
    assert "cp1251" in refused.value.message
    assert "gb18030" not in refused.value.message


@pytest.mark.parametrize("word", WORDS)
def test_an_unlabelled_word_is_read_as_cp1251(word: str) -> None:
    assert parse_mail(_mail(word.encode("cp1251"), None)).text == word


@pytest.mark.parametrize("word", WORDS)
def test_a_raw_subject_word_is_read_as_cp1251(word: str) -> None:
    assert parse_mail(_mail(b"hello", "utf-8", word.encode("cp1251"))).subject == word


@pytest.mark.parametrize("text", ["送餐", "外卖送得太慢了", "味道不错", "太慢了"])
def test_short_unlabelled_chinese_is_still_read_as_chinese(text: str) -> None:
    assert parse_mail(_mail(text.encode("gbk"), None)).text == text
