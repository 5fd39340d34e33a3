"""A file cut short in the middle of a character is said to be cut short, never advised to
be read in another character set: GB18030 reads most half UTF-8 characters as a whole one,
and the row retried so would be stored with a character its writer never wrote."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.model.jsonvalues import parse_json
from complaintkit.model.readable_as import readable_as

COLUMNS = {"external_id": "id", "received_at": "at", "text": "text"}
LEAK = "\u6f0f\u6c34"  # 漏水, "a leak"


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "shift_jis", "big5", "euc_kr"])
def test_a_csv_file_cut_inside_its_last_character(tmp_path: Path, encoding: str) -> None:
    word = {"shift_jis": "\u6f0f\u308c", "euc_kr": "\ub204\uc218"}.get(encoding, LEAK)
    row = f"2,2026-11-02 10:00,{word}".encode(encoding)
    source = tmp_path / "cut.csv"
    source.write_bytes(b"id,at,text\n1,2026-11-02 09:00,ok\n" + row[:-1])
    first, cut = list(CsvChannel(COLUMNS, encoding=encoding).read(str(source)))
    assert isinstance(first, Complaint)
    assert isinstance(cut, Rejected)
    assert cut.source == "cut.csv:3"
    assert cut.raw.endswith(row[:-1])
    assert "cut short" in cut.reason
    assert "-o encoding" not in cut.reason


def test_a_json_line_cut_inside_a_character_is_not_advised_as_gb18030() -> None:
    raw = f'{{"text": "{LEAK}'.encode()[:-1]
    with pytest.raises(InvalidInput) as refused:
        parse_json(raw, "line")
    assert "GB18030" not in str(refused.value)
    assert "cut short" in str(refused.value)


@given(st.text(min_size=1).filter(lambda text: not text[-1].isascii()), st.integers(1, 3))
def test_no_text_cut_inside_its_last_character_gets_advice(text: str, short: int) -> None:
    raw = text.encode()
    cut = raw[: -min(short, len(text[-1].encode()) - 1)]
    assert readable_as(cut, "utf-8") is None
