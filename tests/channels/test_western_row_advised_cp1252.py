"""A record in Windows-1252 or Latin-1 whose accented letters each stand before an ASCII
letter (``crème brûlée``: è and m, û and l, é and e) reads whole as GB18030, as GBK's rare
characters each alone among ASCII letters (cr鑝e br鹟l閑), which no Chinese text is: it was
advised gb18030, and ``dead-letters retry -o encoding=gb18030`` took it in so, garbled.
Such a record, and a CSV row in Windows-1252 that GB18030 does not read (``café crème``,
told nothing before), is now advised cp1252, which takes it in as written. Chinese in GBK,
a character alone among ASCII too, keeps its advice."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "date", "text": "narrative"}
WESTERN = ["crème brûlée froide", "pâte", "reçu trop tard", "café crème", "très en retard"]


def _csv(row: bytes, encoding: str = "utf-8") -> Complaint | Rejected:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.csv"
        path.write_bytes(b"id,date,narrative\n1,2026-11-23," + row + b"\n")
        (item,) = CsvChannel(COLUMNS, encoding=encoding).read(str(path))
        return item


def _json(text: bytes) -> Complaint | Rejected:
    line = (
        b'{"channel": "app", "external_id": "x1", "received_at": "2026-11-23T09:00:00+08:00", '
        b'"customer": {"id": "c1"}, "text": "' + text + b'"}\n'
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.jsonl"
        path.write_bytes(line)
        (item,) = JsonLinesChannel().read(str(path))
        return item


@pytest.mark.parametrize("text", WESTERN)
def test_a_western_csv_row_is_advised_cp1252_and_read_so(text: str) -> None:
    refused = _csv(text.encode("cp1252"))
    assert isinstance(refused, Rejected)
    assert "-o encoding=cp1252" in refused.reason
    retried = _csv(text.encode("cp1252"), encoding="cp1252")
    assert isinstance(retried, Complaint)
    assert retried.text == text


@pytest.mark.parametrize("text", WESTERN)
def test_a_western_json_line_is_advised_cp1252(text: str) -> None:
    refused = _json(text.encode("cp1252"))
    assert isinstance(refused, Rejected)
    assert "it reads as CP1252" in refused.reason


@pytest.mark.parametrize("text", ["好", "order 好评", "外卖送得太慢了", "退款 refund"])
def test_chinese_in_gbk_keeps_its_advice(text: str) -> None:
    refused = _csv(text.encode("gbk"))
    assert isinstance(refused, Rejected)
    assert "-o encoding=gb18030" in refused.reason
