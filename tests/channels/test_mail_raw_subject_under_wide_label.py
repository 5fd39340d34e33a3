"""A raw (not encoded-word) Subject beside a body labelled UTF-16 or UTF-32 (sent base64,
as such bodies are) is the mail program's 8-bit text: no header can be UTF-16, whose line
end would be two bytes. Read in the body's charset, a GBK Subject became characters no one
wrote, its line end paired with the next header's first byte: the Subject swallowed the
header after it (``MIME-Version: 1.0`` was read as part of it). It is read as an unlabelled
raw header is: UTF-8, else GB18030."""

from __future__ import annotations

import base64

import pytest

from complaintkit.channels.mail_message import parse_mail

BODY = "外卖送得太慢了，请退款。"  # noqa: RUF001 -- Chinese punctuation on purpose


def _mail(subject: bytes, charset: str) -> bytes:
    return (
        b"From: a@example.cn\nMessage-ID: <w1@example.cn>\n"
        b"Date: Mon, 23 Nov 2026 09:30:00 +0800\nSubject: " + subject + b"\n"
        b"MIME-Version: 1.0\n"
        + f"Content-Type: text/plain; charset={charset}\n".encode()
        + b"Content-Transfer-Encoding: base64\n\n"
        + base64.encodebytes(BODY.encode(charset))
    )


@pytest.mark.parametrize("charset", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
@pytest.mark.parametrize(
    ("subject", "written"), [("非一般的慢", "gbk"), ("点饺子不给拿醋", "gbk"), ("退款", "utf-8")]
)
def test_a_raw_subject_beside_a_wide_body_is_read_as_8bit_text(
    subject: str, written: str, charset: str
) -> None:
    complaint = parse_mail(_mail(subject.encode(written), charset))
    assert complaint.subject == subject
    assert complaint.text == BODY
