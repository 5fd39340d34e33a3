# ruff: noqa: RUF001 -- full-width Chinese punctuation on purpose
"""A JSON line in UTF-8 with a character cut short in the middle of the line (a byte lost
by a tool splicing text) was advised another charset: GB18030 read the half character and
the whole one after it as two Chinese characters, and the line was told `it reads as
GB18030: write it in UTF-8` — advice that, followed, would garble it. It is UTF-8, broken
at one byte: the reason names it so, at that byte, and advises no charset; so is a CSV
row. GBK lines are still advised GB18030 (every one of the 12,000 waimai reviews)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.model.complaint import Complaint

PREFIX = (
    b'{"channel": "app", "external_id": "x1", "received_at": "2026-11-23T09:00:00+08:00", '
    b'"customer": {"id": "c1"}, "text": "'
)
WAIMAI = Path(__file__).parents[3] / "shared" / "data" / "zh" / "waimai_10k.csv"


def _read(tmp_path: Path, text: bytes) -> Complaint | Rejected:
    path = tmp_path / "in.jsonl"
    path.write_bytes(PREFIX + text + b'"}\n')
    (item,) = JsonLinesChannel().read(str(path))
    return item


def _cut_inside(text: str, after: int, lost: int) -> tuple[bytes, int]:
    """``text`` in UTF-8 with the last ``lost`` bytes of its character ``after`` dropped,
    and the offset in the line where the half character starts."""
    head = text[:after].encode()
    whole = text[after].encode()
    return head + whole[: len(whole) - lost] + text[after + 1 :].encode(), len(PREFIX) + len(head)


@pytest.mark.parametrize("lost", [1, 2])
@pytest.mark.parametrize(
    "text", ["外卖送得太慢了，请退款", "漏水了，送餐员态度很差", "包裹损坏 refund 退款"]
)
def test_a_line_cut_inside_a_character_is_named_broken_utf8(
    tmp_path: Path, text: str, lost: int
) -> None:
    raw, at = _cut_inside(text, 2, lost)
    refused = _read(tmp_path, raw)
    assert isinstance(refused, Rejected)
    assert f"byte {at}" in refused.reason
    assert "cut short" in refused.reason
    assert "reads as" not in refused.reason


@settings(max_examples=40, deadline=None)
@given(
    st.text(
        st.sampled_from("外卖送得太慢了饭菜都凉了包裹损坏请退款客服态度很差"),
        min_size=6,
        max_size=30,
    ),
    st.data(),
)
def test_any_chinese_line_cut_inside_is_never_advised(
    tmp_path_factory: pytest.TempPathFactory, text: str, data: st.DataObject
) -> None:
    after = data.draw(st.integers(1, len(text) - 2))
    raw, at = _cut_inside(text, after, data.draw(st.sampled_from([1, 2])))
    refused = _read(tmp_path_factory.mktemp("cut"), raw)
    assert isinstance(refused, Rejected)
    assert f"byte {at}" in refused.reason
    assert "reads as" not in refused.reason


@pytest.mark.skipif(not WAIMAI.exists(), reason="the waimai reviews are not here")
def test_gbk_lines_keep_their_gb18030_advice(tmp_path: Path) -> None:
    with WAIMAI.open(encoding="utf-8") as handle:
        reviews = [row[1] for row in csv.reader(handle)][1:]
    lines = b"".join(
        PREFIX + review.replace("\\", "").replace('"', "").encode("gbk", "ignore") + b'"}\n'
        for review in reviews[::10]
    )
    path = tmp_path / "gbk.jsonl"
    path.write_bytes(lines)
    items = list(JsonLinesChannel().read(str(path)))
    advised = [item for item in items if isinstance(item, Rejected) and "GB18030" in item.reason]
    assert len(advised) == sum(isinstance(item, Rejected) for item in items) > 1000


def test_a_csv_row_cut_inside_a_character_is_named_so(tmp_path: Path) -> None:
    raw, _ = _cut_inside("外卖送得太慢了，请退款", 2, 1)
    path = tmp_path / "rows.csv"
    path.write_bytes(b"id,date,narrative\n1,2026-11-23," + raw + b"\n2,2026-11-23,ok\n")
    columns = {"external_id": "id", "received_at": "date", "text": "narrative"}
    refused, taken = CsvChannel(columns).read(str(path))
    assert isinstance(refused, Rejected)
    assert refused.source == "rows.csv:2"
    assert "cut short" in refused.reason
    assert "encoding=" not in refused.reason
    assert isinstance(taken, Complaint)
