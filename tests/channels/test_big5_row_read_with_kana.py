"""A short row of Traditional Chinese in Big5 whose GB18030 reading holds kana (味道不錯 as
笵ぃ岿, 價格太貴 as 基び禥: Big5's commonest characters, 不 and 太, are GB2312's hiragana
rows) was taken for Chinese as people write it and advised ``-o encoding=gb18030``, which,
followed, took the row in garbled. Chinese holds no kana among its characters (EUC-JP
Japanese, which does, is told before): such a row is now told ``big5hkscs`` where read as
Big5 more of it is common characters, as longer rows were. GBK rows keep gb18030."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel

COLUMNS = {"external_id": "id", "received_at": "date", "text": "narrative"}


def _read(tmp_path: Path, text: bytes, encoding: str) -> Rejected:
    path = tmp_path / "rows.csv"
    path.write_bytes(b"id,date,narrative\n1,2026-11-23," + text + b"\n")
    (item,) = CsvChannel(COLUMNS, encoding=encoding).read(str(path))
    assert isinstance(item, Rejected)
    return item


@pytest.mark.parametrize("text", ["味道不錯", "價格太貴"])
@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_a_big5_row_is_told_big5(tmp_path: Path, text: str, encoding: str) -> None:
    refused = _read(tmp_path, text.encode("big5"), encoding)
    assert "-o encoding=big5hkscs" in refused.reason
    assert "gb18030" not in refused.reason


@pytest.mark.parametrize("text", ["味道不错", "价格太贵", "外卖送得太慢了"])
def test_a_gbk_row_keeps_gb18030(tmp_path: Path, text: str) -> None:
    assert "-o encoding=gb18030" in _read(tmp_path, text.encode("gbk"), "utf-8").reason
