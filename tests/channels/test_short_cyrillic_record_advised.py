"""A short Russian record in Windows-1251 or KOI8-R (a JSON line, a CSV row in a UTF-8
file) whose words GB18030 does not read either (a word of an odd number of letters) was
refused as not valid UTF-8 with no word of what it is in, where one in GBK, Windows-1252 or
a longer one in Windows-1251 is told its charset. Its bytes beyond ASCII stand together, a
word's letters side by side, as Russian read as Latin-1 is told by from 4 letters: it is
advised the charset whose letters read as Russian. Chinese, Western and Japanese records
keep their advice, and good ones in other languages are taken in."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "date", "text": "narrative"}
#: Russian complaints of fewer than 16 letters, a word of each an odd number of them.
SHORT = ["Верните деньги", "Курьер опоздал", "Сломалась", "Нет звука", "Брака нет!", "Плохо"]


def _line(text: str) -> str:
    return (
        '{"channel": "app", "external_id": "x1", "received_at": "2026-11-23T09:00:00+08:00", '
        f'"customer": {{"id": "c1"}}, "text": "{text}"}}\n'
    )


def _json(raw: bytes) -> Complaint | Rejected:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.jsonl"
        path.write_bytes(raw)
        (item,) = JsonLinesChannel().read(str(path))
        return item


def _csv(row: bytes) -> Complaint | Rejected:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.csv"
        path.write_bytes(b"id,date,narrative\n1,2026-11-23," + row + b"\n")
        (item,) = CsvChannel(COLUMNS).read(str(path))
        return item


@pytest.mark.parametrize("charset", ["cp1251", "koi8-r"])
@pytest.mark.parametrize("text", SHORT)
def test_a_short_russian_json_line_is_told_its_charset(text: str, charset: str) -> None:
    refused = _json(_line(text).encode(charset))
    assert isinstance(refused, Rejected)
    assert f"it reads as {charset.upper()}" in refused.reason


@pytest.mark.parametrize("charset", ["cp1251", "koi8-r"])
@pytest.mark.parametrize("text", SHORT)
def test_a_short_russian_csv_row_is_told_its_charset(text: str, charset: str) -> None:
    refused = _csv(text.encode(charset))
    assert isinstance(refused, Rejected)
    assert f"-o encoding={charset}" in refused.reason


@pytest.mark.parametrize(
    ("text", "charset", "advised"),
    [
        ("外卖送得太慢了", "gbk", "gb18030"),
        ("送餐", "gbk", "gb18030"),
        ("café crème", "cp1252", "cp1252"),
    ],
)
def test_other_short_lines_keep_their_advice(text: str, charset: str, advised: str) -> None:
    refused = _json(_line(text).encode(charset))
    assert isinstance(refused, Rejected)
    assert f"it reads as {advised.upper()}" in refused.reason


@pytest.mark.parametrize(
    "text",
    [
        "«été» trop chaud",
        "«Über» Größe",
        "Tiếng Việt giao hàng chậm",
        "配達が遅れました",
        "Верните деньги",
    ],
)
def test_utf8_records_in_any_language_are_taken_in(text: str) -> None:
    assert isinstance(_json(_line(text).encode()), Complaint)
    assert isinstance(_csv(text.encode()), Complaint)
