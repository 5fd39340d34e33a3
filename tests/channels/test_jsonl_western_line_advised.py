"""A JSON line in Windows-1252 or Latin-1 (a Western export: ``café crème``) was refused
as 'not valid UTF-8 (byte 112)' with no word of what it is in, where one in GBK, Big5 or
UTF-16 is told the charset it reads as and the iconv that converts it. Bytes beyond ASCII
standing alone among ASCII letters, as Western text's accented letters do
(``model.byte_runs``), are advised as Windows-1252, which Latin-1's letters are in, when
GB18030 does not read them (``Größe``: ö and ß are a GBK character, as one Chinese
character among ASCII stands so too)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.model.complaint import Complaint


def line(text: str, key: str = "x1") -> str:
    return (
        f'{{"channel": "app", "external_id": "{key}", "received_at": '
        f'"2026-11-23T09:00:00+08:00", "customer": {{"id": "c1"}}, "text": "{text}"}}\n'
    )


def read(raw: bytes) -> list[Complaint | Rejected]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "west.jsonl"
        path.write_bytes(raw)
        return list(JsonLinesChannel().read(str(path)))


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
@pytest.mark.parametrize("text", ["café crème brûlée", "déçu, 12 € !", "naïve – “quoted”"])  # noqa: RUF001 -- Windows-1252 punctuation
def test_a_western_line_is_refused_naming_windows_1252(text: str, encoding: str) -> None:
    try:
        raw = line(text).encode(encoding)
    except UnicodeEncodeError:
        pytest.skip("Latin-1 has no curly quotes nor euro sign")
    good = line("外卖送晚了", "x0").encode()
    first, item = read(good + raw)
    assert isinstance(first, Complaint)
    assert isinstance(item, Rejected), item
    assert item.source == "west.jsonl:2"
    assert "it reads as CP1252" in item.reason
    assert "iconv -f cp1252 -t utf-8" in item.reason
