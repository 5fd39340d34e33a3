# ruff: noqa: RUF001 -- Cyrillic capitals on purpose
"""A Russian word or two in capitals in Windows-1251 (ПРИВЕТ, УТЮГ СЛОМАН), or in any case
in KOI8-R, was advised gb18030 in mail under a wrong label and taken in unlabelled as the
Chinese characters GB18030 reads it as (ПРИВЕТ as 闲嚷乓): only capitalised or lower-case
Windows-1251, read as rare characters, was told. Read as characters Chinese reviews seldom
write, spelt as Russian is, it is now read and advised in its charset, in a mail part, a
raw Subject and a file's record alike. Short Chinese text keeps being read as Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

HEAD = (
    b"From: a@example.ru\r\nMessage-ID: <caps@example.ru>\r\n"
    b"Date: Mon, 23 Nov 2026 09:30:00 +0300\r\n"
)
#: Russian in capitals and each charset it is sent in.
CASES = [
    ("ПРИВЕТ", "cp1251"),
    ("ЖАЛОБА", "cp1251"),
    ("СЛОМАН", "cp1251"),
    ("ПРИВЕТ МОСКВА", "cp1251"),
    ("СРОЧНО ЗАМЕНА", "cp1251"),
    ("ПРИВЕТ", "koi8-r"),
    ("ЖАЛОБА", "koi8-r"),
    ("Привет Москва", "koi8-r"),
    ("ЗАМЕНА", "koi8-r"),
]


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


@pytest.mark.parametrize(("text", "charset"), CASES)
def test_under_a_utf8_label_it_is_advised_its_charset(text: str, charset: str) -> None:
    raw = text.encode(charset)
    raw.decode("gb18030")  # the case in point: GB18030 reads it whole
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_mail(raw, "utf-8"))
    assert charset in refused.value.message
    assert "gb18030" not in refused.value.message


@pytest.mark.parametrize(("text", "charset"), CASES)
def test_unlabelled_it_is_read_in_its_charset(text: str, charset: str) -> None:
    assert parse_mail(_mail(text.encode(charset), None)).text == text


@pytest.mark.parametrize(("text", "charset"), CASES)
def test_a_raw_subject_is_read_in_its_charset(text: str, charset: str) -> None:
    assert parse_mail(_mail(b"hello", "utf-8", text.encode(charset))).subject == text


@pytest.mark.parametrize(("text", "charset"), CASES)
def test_a_json_line_is_told_its_charset(tmp_path: Path, text: str, charset: str) -> None:
    line = (
        '{"channel": "app", "external_id": "x1", "received_at": "2026-11-23T09:00:00+03:00", '
        f'"customer": {{"id": "c1"}}, "text": "{text}"}}\n'
    )
    path = tmp_path / "in.jsonl"
    path.write_bytes(line.encode(charset))
    (refused,) = JsonLinesChannel().read(str(path))
    assert isinstance(refused, Rejected)
    assert f"it reads as {charset.upper()}" in refused.reason


@pytest.mark.parametrize("text", ["我们", "让我们用", "还是温温", "送餐", "死我了", "是我能"])
def test_short_chinese_of_common_characters_is_still_chinese(text: str) -> None:
    assert parse_mail(_mail(text.encode("gbk"), None)).text == text
