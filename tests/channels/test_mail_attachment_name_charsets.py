"""An attachment's file name labelled with a charset whose writers use its superset — an
RFC 2231 ``filename*=gb2312''…`` or an encoded word ``filename="=?gb2312?B?…?="``, as
Chinese mail clients write them, holding GBK's 镕 — was decoded in the label's strict codec
and kept in the case's ``attachments`` as 朱�F基发票.pdf. It is read in the superset, as a
body part so labelled is."""

from __future__ import annotations

import base64
import tempfile
import urllib.parse
from pathlib import Path

import pytest

from complaintkit.channels.mail import MailChannel
from complaintkit.model.complaint import Complaint

NAMES = [("gb2312", "朱镕基发票.pdf", "gbk"), ("big5", "𨋢維修單.pdf", "big5hkscs")]


def dispositions(label: str, name: str, codec: str) -> list[str]:
    data = name.encode(codec)
    word = f"=?{label}?B?{base64.b64encode(data).decode()}?="
    quoted = urllib.parse.quote(data)
    return [
        f"attachment; filename*={label}''{quoted}",
        f"attachment; filename*0*={label}''{quoted[:6]}; filename*1*={quoted[6:]}",
        f'attachment; filename="{word}"',
    ]


CASES = [(label, name, d) for label, name, codec in NAMES for d in dispositions(label, name, codec)]


@pytest.mark.parametrize(("label", "name", "disposition"), CASES)
def test_an_attachment_name_is_read_in_its_labels_superset(
    label: str, name: str, disposition: str
) -> None:
    raw = (
        "From: Jane <jane@example.com>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0800\r\n"
        "Message-ID: <att@example.com>\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\n'
        "Content-Type: text/plain; charset=utf-8\r\n\r\n发票开错了\r\n--B\r\n"
        f"Content-Type: application/pdf\r\nContent-Disposition: {disposition}\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\nJVBERg==\r\n--B--\r\n"
    ).encode()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.eml"
        path.write_bytes(raw)
        (item,) = MailChannel().read(str(path))
    assert isinstance(item, Complaint), item
    assert [a["filename"] for a in item.attributes["attachments"]] == [name]
