"""A record written in another character set than the one read names the one it reads as,
so its dead letter says what to give (`-o encoding=gb18030`), not only which byte failed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.errors import InvalidInput
from complaintkit.model.jsonvalues import parse_json
from complaintkit.model.readable_as import readable_as

COLUMNS = {"external_id": "id", "received_at": "at", "text": "text"}


def _rejected(items: list[object]) -> list[Rejected]:
    return [item for item in items if isinstance(item, Rejected)]


def test_a_gbk_row_in_a_utf8_file_names_the_encoding_to_read_it_with(tmp_path: Path) -> None:
    source = tmp_path / "waimai.csv"
    head = b"id,at,text\n"
    good = "1,2026-11-02 10:00,送餐很快\n".encode()
    gbk = "2,2026-11-02 11:00,外卖送到已经凉了\n".encode("gbk")
    source.write_bytes(head + good + gbk)
    (letter,) = _rejected(list(CsvChannel(COLUMNS, timezone="Asia/Shanghai").read(str(source))))
    assert letter.reason.startswith("row is not valid utf-8 (character 19 of the row)")
    assert "-o encoding=gb18030" in letter.reason
    assert "dead-letters retry" in letter.reason


def test_a_utf8_row_in_a_gbk_file_names_utf8(tmp_path: Path) -> None:
    source = tmp_path / "waimai.csv"
    source.write_bytes(
        b"id,at,text\n" + "1,2026-11-02 11:00,\u5916\u5356\u51c9\u4e86\ufffd\n".encode()
    )
    channel = CsvChannel(COLUMNS, timezone="Asia/Shanghai", encoding="gbk")
    (letter,) = _rejected(list(channel.read(str(source))))
    assert "-o encoding=utf-8" in letter.reason


def test_bytes_no_character_set_reads_get_no_advice(tmp_path: Path) -> None:
    source = tmp_path / "broken.csv"
    source.write_bytes(b"id,at,text\n1,2026-11-02 11:00,\xff\xff\xff\n")
    (letter,) = _rejected(list(CsvChannel(COLUMNS, timezone="Asia/Shanghai").read(str(source))))
    assert letter.reason == "row is not valid utf-8 (character 19 of the row)"


def test_a_gbk_json_line_says_json_lines_are_utf8_and_how_to_convert(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    line = (
        '{"external_id": "1", "received_at": "2026-11-02T10:00:00+08:00", "text": "骑手态度很差"}'
    )
    source.write_bytes(line.encode("gbk") + b"\n")
    (letter,) = _rejected(list(JsonLinesChannel().read(str(source))))
    assert "is not valid UTF-8" in letter.reason
    assert "GB18030" in letter.reason
    assert "iconv -f gb18030 -t utf-8" in letter.reason


def test_an_http_body_in_gbk_names_it_too() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_json('{"text": "漏水了"}'.encode("gbk"))
    assert "GB18030" in str(refused.value)


#: Traditional Chinese as Taiwan and Hong Kong write it, in Big5.
BIG5_REVIEW = "外賣送得太慢了湯都灑了"


def test_a_big5_json_line_is_told_big5_not_gb18030(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    line = f'{{"external_id": "1", "received_at": "2026-11-02T10:00:00+08:00", "text": "{BIG5_REVIEW}"}}'
    source.write_bytes(line.encode("big5") + b"\n")
    (letter,) = _rejected(list(JsonLinesChannel().read(str(source))))
    assert "iconv -f big5hkscs -t utf-8" in letter.reason
    assert "gb18030" not in letter.reason.lower()


def test_an_http_body_in_big5_is_told_big5_too() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_json(f'{{"text": "{BIG5_REVIEW}"}}'.encode("big5"))
    assert "BIG5HKSCS" in str(refused.value)
    assert "GB18030" not in str(refused.value)


@given(st.text(min_size=1).filter(lambda text: any(ord(c) > 127 for c in text)))
def test_advice_is_only_given_for_an_encoding_that_reads_the_bytes(text: str) -> None:
    for written in ("gb18030", "utf-8"):
        try:
            raw = text.encode(written)
        except UnicodeEncodeError:
            continue
        for read in ("utf-8", "gb18030"):
            meant = readable_as(raw, read)
            if meant is not None:
                assert meant != read
                assert raw.decode(meant)  # the advice reads every byte


def test_ascii_or_a_valid_text_needs_no_advice() -> None:
    assert readable_as(b"plain", "utf-8") is None
    assert readable_as("牛奶".encode(), "utf-8") is None
