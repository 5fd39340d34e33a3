"""A CSV header of Chinese column names in another charset than ``-o encoding`` says was
refused without a word of which to give: a Big5 header read as GBK listed its columns as
mojibake ('絪腹', 'ら戳', 'ず甧') beside the names the mapping reads, and a UTF-8 one not
valid GBK was told to try "gb18030, utf-16, latin-1…" — though the header's bytes say
which, as a row's do. The error names the charset the header reads as."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from complaintkit.channels.csvfile import CsvChannel
from complaintkit.errors import ConfigError

COLUMNS = {"external_id": "編號", "received_at": "日期", "text": "內容"}


def refusal(tmp_path: Path, written: str, read: str) -> str:
    out = io.StringIO()
    csv.writer(out).writerows([list(COLUMNS.values()), ["1", "2026-11-23", "送餐非常快"]])
    path = tmp_path / "h.csv"
    path.write_bytes(out.getvalue().encode(written))
    with pytest.raises(ConfigError) as refused:
        list(CsvChannel(COLUMNS, encoding=read).read(str(path)))
    return str(refused.value)


@pytest.mark.parametrize(
    ("written", "read", "meant"),
    [
        ("big5", "gbk", "big5hkscs"),
        ("utf-8", "gbk", "utf-8"),
        ("utf-8", "gb18030", "utf-8"),
        ("gb18030", "utf-8", "gb18030"),
        ("gb18030", "big5", "gb18030"),
    ],
)
def test_a_header_in_another_charset_names_it(
    tmp_path: Path, written: str, read: str, meant: str
) -> None:
    assert f"read the file with -o encoding={meant}" in refusal(tmp_path, written, read)
