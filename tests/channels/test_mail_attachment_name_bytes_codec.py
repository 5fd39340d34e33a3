"""An attachment's file name in RFC 2231 pieces labelled with a Python codec of bytes
(``filename*0*=base64''…``, ``zlib``, ``rot13``: a mailer's garbage, or a hostile one) made
the whole message a dead letter whose reason was the standard library's ('could not be
read: LookupError: 'base64' is not a text encoding; use codecs.encode() …'), though the
complaint's text was whole. Such a name is read as one labelled with a charset no codec
knows is: as unlabelled text."""

from __future__ import annotations

import urllib.parse

import pytest

from complaintkit.channels.mail_message import parse_mail

NAME = "发票.pdf"
GBK = urllib.parse.quote(NAME.encode("gbk"))


def attachment(disposition: str) -> dict[str, object]:
    raw = (
        "From: Jane <jane@example.com>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0800\r\n"
        "Message-ID: <att@example.com>\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\n'
        "Content-Type: text/plain; charset=utf-8\r\n\r\n发票开错了\r\n--B\r\n"
        f"Content-Type: application/pdf\r\nContent-Disposition: {disposition}\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\nJVBERg==\r\n--B--\r\n"
    ).encode()
    (found,) = parse_mail(raw).attributes["attachments"]
    assert isinstance(found, dict)
    return found


@pytest.mark.parametrize("label", ["base64", "zlib", "rot13", "hex", "bz2"])
@pytest.mark.parametrize("pieces", [1, 2])
def test_a_name_labelled_with_a_bytes_codec_is_read_as_unlabelled(label: str, pieces: int) -> None:
    disposition = (
        f"attachment; filename*={label}''{GBK}"
        if pieces == 1
        else f"attachment; filename*0*={label}''{GBK[:7]}; filename*1*={GBK[7:]}"
    )
    assert attachment(disposition)["filename"] == NAME
