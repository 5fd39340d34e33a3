"""A raw (8bit or binary) UTF-16 body is followed by the line end of the mail's own
transport: SMTP ends a message with CR LF, an mbox ends each message with an empty line
before the next ``From `` line. Read with the body, those bytes became a code unit of
their own, U+0A0D (CR LF paired in UTF-16-LE) or ഊ (U+0D0A, in UTF-16-BE), at the end of
the complaint's text; a bare LF or CR, an odd byte, made the whole message a dead letter
('truncated data'). Line-end bytes after the body's last code unit are the transport's,
and are not its text."""

from __future__ import annotations

import base64
import codecs
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mail_message import parse_mail
from complaintkit.model.complaint import Complaint

LINES = ["第一行 first", "第二行 second", "third 三"]
WIDE = ["utf-16", "utf-16-le", "utf-16-be", "utf-32"]


def message(number: int, charset: str, body: bytes, transfer: str = "8bit") -> bytes:
    return (
        f"From: a@example.cn\r\nMessage-ID: <w{number}@example.cn>\r\n"
        "Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: s\r\n"
        f"Content-Type: text/plain; charset={charset}\r\n"
        f"Content-Transfer-Encoding: {transfer}\r\n\r\n"
    ).encode() + body


def read(name: str, raw: bytes) -> list[Complaint | Rejected]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(raw)
        return list(MailChannel().read(str(path)))


@given(
    st.sampled_from(WIDE),
    st.sampled_from(["\r\n", "\n", "\r", ""]),
    st.sampled_from([b"\r\n", b"\n", b"\r", b"\r\n\r\n", b"\n\n"]),
    st.sampled_from(["8bit", "binary"]),
)
def test_a_wide_body_ending_in_the_transports_line_end_reads_as_written(
    charset: str, end: str, transport: bytes, transfer: str
) -> None:
    text = end.join(LINES) + end
    raw = message(1, charset, text.encode(charset) + transport, transfer)
    assert parse_mail(raw).text == text.rstrip("\r\n")


@pytest.mark.parametrize("separator", [b"\n", b"\r\n"])
@pytest.mark.parametrize("charset", ["utf-16-le", "utf-16-be"])
def test_each_wide_message_of_an_mbox_reads_as_written(separator: bytes, charset: str) -> None:
    text = "\r\n".join(LINES)
    mbox = b"".join(
        b"From a@example.cn Mon Nov 23 09:30:00 2026"
        + separator
        + message(number, charset, text.encode(charset))
        + separator
        for number in range(3)
    )
    items = read("wide.mbox", mbox)
    assert [getattr(item, "text", item) for item in items] == [text] * 3


def test_a_base64_wide_body_keeps_its_last_character() -> None:
    """Base64 carries the body's bytes exactly: its last character is the customer's."""
    text = "退款ഊ"  # ends in U+0D0A, CR LF's bytes in UTF-16-BE
    raw = message(1, "utf-16-be", base64.b64encode(text.encode("utf-16-be")), "base64")
    assert parse_mail(raw).text == text


def test_a_marked_wide_body_naming_no_charset_drops_the_transports_line_end() -> None:
    text = "\r\n".join(LINES)
    body = codecs.BOM_UTF16_LE + text.encode("utf-16-le") + b"\r\n"
    raw = message(1, "x", body).replace(b"Content-Type: text/plain; charset=x\r\n", b"")
    assert parse_mail(raw).text == text
