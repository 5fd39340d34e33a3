"""A message refused for its header's bytes said only what they are not: a raw Big5
Subject 'holds bytes that are neither UTF-8, utf-8 nor GB18030', an encoded word of GBK
labelled utf-8 'is not valid utf-8 (invalid continuation byte)', where a body refused
for its bytes says which charsets read them (`it reads as gb18030`), as an HTTP body's
and a CSV row's dead letters do. The header's are named too."""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.mail import MailChannel


def message(subject: bytes) -> bytes:
    return (
        b"From: Jane <jane@example.com>\r\nTo: help@shop.example\r\n"
        b"Date: Mon, 23 Nov 2026 09:00:00 +0800\r\nMessage-ID: <h@example.com>\r\n"
        b"Subject: " + subject + b"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nx\r\n"
    )


def refused(raw: bytes) -> Rejected:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "h.eml"
        path.write_bytes(raw)
        (item,) = MailChannel().read(str(path))
    assert isinstance(item, Rejected), item
    return item


def test_a_raw_big5_subject_is_refused_naming_big5() -> None:
    item = refused(message("外賣送得太慢了".encode("big5")))
    assert item.reason.startswith("Subject: ")
    assert "it reads as big5hkscs" in item.reason


@pytest.mark.parametrize(
    ("text", "charset", "meant"),
    [("外卖送晚了一个小时", "gbk", "gb18030"), ("配達が遅れました", "cp932", "shift_jis")],
)
def test_an_encoded_word_in_another_charset_is_refused_naming_it(
    text: str, charset: str, meant: str
) -> None:
    word = b"=?utf-8?B?" + base64.b64encode(text.encode(charset)) + b"?="
    item = refused(message(word))
    assert item.reason.startswith("Subject: holds an encoded word that is not valid utf-8")
    assert f"it reads as {meant}" in item.reason
