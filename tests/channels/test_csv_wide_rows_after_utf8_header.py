"""Rows in UTF-16 or UTF-32 after a UTF-8 header line (a file joined from two exports, the
second saved as Excel's 'Unicode Text') were refused as 'not valid utf-8', as a date that
is not one ('\\x002\\x000…'), or as a row of one field, never named for what they are in.
Each such row, and the piece of its wide line end a CR left on a line of its own, is
refused naming the wide encoding; the rows around them are read."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "time", "text": "text"}


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", ["送餐太慢了", "late delivery"])
def test_wide_rows_after_a_utf8_header_are_named(tmp_path: Path, codec: str, text: str) -> None:
    wide = f"T-1,2026-10-08 09:00,{text}\r\nT-2,2026-10-08 10:00,{text}\r\n".encode(codec)
    source = tmp_path / "joined.csv"
    source.write_bytes(b"id,time,text\r\nT-0,2026-10-08 08:00,ok\r\n" + wide)
    items = list(CsvChannel(COLUMNS).read(str(source)))
    first, *rest = items
    assert isinstance(first, Complaint)
    assert first.text == "ok"
    assert rest
    for item in rest:
        assert isinstance(item, Rejected), item
        assert (codec in item.reason) or ("UTF-16 or UTF-32" in item.reason), item.reason
