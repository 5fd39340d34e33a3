"""An attachment's file name whose charset names no codec (``x-unknown``, an empty one, a
mailer's own ``x-mac-chinesesimp``), or whose bytes that codec cannot read, was kept as
replacement characters (��Ʊ.pdf for 发票.pdf): the customer's file could no longer be
named, nor its name read back. Such a name is read as unlabelled text is (UTF-8, else GBK,
Cyrillic, Japanese…); one that reads as none keeps its U+FFFD, and the header as sent is kept
beside it, its 8-bit bytes escaped, so the name's bytes can still be recovered."""

from __future__ import annotations

import base64
import urllib.parse

import pytest

from complaintkit.channels.mail_message import parse_mail

NAME = "发票.pdf"


def mail(disposition: str) -> bytes:
    return (
        "From: Jane <jane@example.com>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0800\r\n"
        "Message-ID: <att@example.com>\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\n'
        "Content-Type: text/plain; charset=utf-8\r\n\r\n发票开错了\r\n--B\r\n"
        f"Content-Type: application/pdf\r\nContent-Disposition: {disposition}\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\nJVBERg==\r\n--B--\r\n"
    ).encode()


def attachment(disposition: str) -> dict[str, object]:
    (found,) = parse_mail(mail(disposition)).attributes["attachments"]
    assert isinstance(found, dict)
    return found


GBK = urllib.parse.quote(NAME.encode("gbk"))
UTF8 = urllib.parse.quote(NAME.encode("utf-8"))
WORD = base64.b64encode(NAME.encode("gbk")).decode()


@pytest.mark.parametrize(
    "disposition",
    [
        f"attachment; filename*=x-unknown''{GBK}",
        f"attachment; filename*=unknown-8bit''{GBK}",
        f"attachment; filename*=x-mac-chinesesimp''{GBK}",
        f"attachment; filename*=''{GBK}",
        f"attachment; filename*=''{UTF8}",
        f"attachment; filename*=utf-8''{GBK}",
        f"attachment; filename*=x-unknown'zh'{GBK}",
        f"attachment; filename*0*=x-unknown''{GBK[:7]}; filename*1*={GBK[7:]}",
        f'attachment; filename="=?x-unknown?B?{WORD}?="',
        f'attachment; filename="=?utf-8?B?{WORD}?="',
    ],
)
def test_a_name_in_no_charset_a_codec_reads_is_read_as_unlabelled_text(disposition: str) -> None:
    found = attachment(disposition)
    assert found["filename"] == NAME
    assert "filename_as_sent" not in found


def test_a_name_that_reads_as_nothing_keeps_its_header_as_sent() -> None:
    disposition = "attachment; filename*=x-unknown''%80%FF.pdf"
    found = attachment(disposition)
    assert found["filename"] == "\ufffd\ufffd.pdf"
    assert found["filename_as_sent"] == disposition


def test_a_raw_8bit_name_that_reads_as_nothing_keeps_its_bytes_escaped() -> None:
    raw = mail('attachment; filename="XX.pdf"').replace(b"XX", b"\x80\xff")
    (found,) = parse_mail(raw).attributes["attachments"]
    assert "\ufffd" in found["filename"]
    assert found["filename_as_sent"] == 'attachment; filename="\\x80\\xff.pdf"'


@pytest.mark.parametrize("label", ["gbk", "utf-8", "x-unknown"])
def test_raw_bytes_in_a_pieced_name_cost_only_the_name(label: str) -> None:
    """Raw 8-bit bytes no charset reads inside an RFC 2231 piece made joining the pieces
    raise, and the whole message was a dead letter (``could not be read:
    UnicodeEncodeError``): the pieces are joined as the bytes they hold."""
    raw = mail(f"attachment; filename*0*={label}''%B7XX; filename*1*=%C6%B1.pdf")
    found = parse_mail(raw.replace(b"XX", b"\x80\xff")).attributes["attachments"]
    assert [a["content_type"] for a in found] == ["application/pdf"]


@pytest.mark.parametrize("label", ["gbk", "x-unknown"])
def test_raw_bytes_in_a_name_cost_only_the_name(label: str) -> None:
    raw = mail(f"attachment; filename*={label}''%B7XX%C6%B1.pdf")
    found = parse_mail(raw.replace(b"XX", b"\x80\xff")).attributes["attachments"]
    assert [a["content_type"] for a in found] == ["application/pdf"]
