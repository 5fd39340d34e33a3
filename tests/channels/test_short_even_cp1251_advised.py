"""A short Russian record in Windows-1251 whose words all have an even number of letters
(Утюг сломан) reads whole as GB18030, as rare characters (域 耠铎囗): a JSON line or a CSV
row of it was advised gb18030, and taken in so, garbled, when the advice was followed.
Windows-1251's lower-case letters are GB2312's second level, which Chinese as people
write it is hardly ever made of: such a record is told cp1251. Short Chinese records keep
their GB18030 advice; KOI8-R, which reads as common Chinese characters, keeps it too."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "date", "text": "narrative"}
#: Russian complaints of fewer than 16 letters, each word of an even number of them.
EVEN = ["Утюг сломан", "Курьер не пришел", "Жалоба", "Брак", "Чайник сломан"]


def _line(text: str) -> str:
    return (
        '{"channel": "app", "external_id": "x1", "received_at": "2026-11-23T09:00:00+08:00", '
        f'"customer": {{"id": "c1"}}, "text": "{text}"}}\n'
    )


def _json(tmp_path: Path, raw: bytes) -> Complaint | Rejected:
    path = tmp_path / "in.jsonl"
    path.write_bytes(raw)
    (item,) = JsonLinesChannel().read(str(path))
    return item


def _csv(tmp_path: Path, row: bytes, encoding: str = "utf-8") -> Complaint | Rejected:
    path = tmp_path / "rows.csv"
    path.write_bytes(b"id,date,narrative\n1,2026-11-23," + row + b"\n")
    (item,) = CsvChannel(COLUMNS, encoding=encoding).read(str(path))
    return item


@pytest.mark.parametrize("text", EVEN)
def test_a_short_even_windows_1251_json_line_is_told_cp1251(tmp_path: Path, text: str) -> None:
    raw = _line(text).encode("cp1251")
    raw.decode("gb18030")  # the case in point: GB18030 reads it whole
    refused = _json(tmp_path, raw)
    assert isinstance(refused, Rejected)
    assert "it reads as CP1251" in refused.reason
    assert "GB18030" not in refused.reason


@pytest.mark.parametrize("text", EVEN)
def test_a_short_even_windows_1251_csv_row_is_told_cp1251(tmp_path: Path, text: str) -> None:
    refused = _csv(tmp_path, text.encode("cp1251"))
    assert isinstance(refused, Rejected)
    assert "-o encoding=cp1251" in refused.reason
    assert "gb18030" not in refused.reason


@pytest.mark.parametrize("text", EVEN)
def test_the_advice_followed_takes_the_row_in(tmp_path: Path, text: str) -> None:
    taken = _csv(tmp_path, text.encode("cp1251"), encoding="cp1251")
    assert isinstance(taken, Complaint)
    assert taken.text == text


@pytest.mark.parametrize("text", ["送餐", "外卖送得太慢了", "味道不错", "太慢了"])
def test_short_chinese_lines_keep_gb18030(tmp_path: Path, text: str) -> None:
    refused = _json(tmp_path, _line(text).encode("gbk"))
    assert isinstance(refused, Rejected)
    assert "it reads as GB18030" in refused.reason
