"""A mail part labelled ``utf-8-sig`` (UTF-8 behind a byte order mark, as Windows tools
name it) cut short inside its last character by a gateway was refused as "not valid
utf-8-sig: it ends inside a character", where the same part labelled ``utf-8`` is read
with the half character as U+FFFD. Both labels now read it alike, the mark or not."""

from __future__ import annotations

import base64
import codecs

import pytest

from complaintkit.channels.mail_message import parse_mail

TEXT = "外卖送得太慢了 要求退款"


def _mail(body: bytes, label: str, transfer: str) -> bytes:
    if transfer == "base64":
        body = base64.b64encode(body)
    return (
        b"From: a@example.cn\r\nMessage-ID: <sig@example.cn>\r\n"
        b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: s\r\n"
        + f"Content-Type: text/plain; charset={label}\r\n".encode()
        + f"Content-Transfer-Encoding: {transfer}\r\n\r\n".encode()
        + body
        + b"\r\n"
    )


@pytest.mark.parametrize("label", ["utf-8-sig", "UTF-8-SIG", "utf_8_sig"])
@pytest.mark.parametrize("mark", [b"", codecs.BOM_UTF8])
@pytest.mark.parametrize("transfer", ["8bit", "base64"])
@pytest.mark.parametrize("lost", [1, 2])
def test_a_part_cut_short_reads_as_under_a_utf8_label(
    label: str, mark: bytes, transfer: str, lost: int
) -> None:
    body = mark + TEXT.encode()[:-lost]
    as_utf8 = parse_mail(_mail(body, "utf-8", transfer)).text
    assert parse_mail(_mail(body, label, transfer)).text == as_utf8
    assert as_utf8 == TEXT[:-1] + "\ufffd"
