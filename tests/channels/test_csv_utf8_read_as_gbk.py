# ruff: noqa: RUF002 -- Chinese test text uses full-width punctuation on purpose
"""A UTF-8 CSV read with ``-o encoding=gbk`` (gb18030), the user's wrong guess, was taken in
as mojibake without a word wherever its bytes read whole: 2,324 of the 11,987 waimai
reviews as GB18030 (很快，好吃， as 寰堝揩锛屽ソ鍚冿紝), 821 as GBK; only the rows GBK could not read
were advised utf-8. A row that is UTF-8 — which no GBK review is — holding a character
UTF-8 writes in three bytes or more (Chinese), or whose GB reading is not Chinese as people
write it, is a dead letter advising ``utf-8``; a short GBK row that happens to be UTF-8
too (漏水 reads ©ˮ) is read as GBK. On the waimai reviews too (../shared/data/zh, read
in place; skipped without it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from chinese_csv import COLUMNS, WAIMAI, advice, export, misread, waimai_reviews

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint

#: Rows whose UTF-8 bytes GB18030 (the first three GBK too) reads whole.
ROWS = ["送餐很快", "外卖送晚了", "好吃", "太贵了"]


@pytest.mark.parametrize("guess", ["gbk", "gb18030", "gb2312"])
def test_utf8_rows_read_as_gbk_are_advised_utf8_and_so_taken_in(tmp_path: Path, guess: str) -> None:
    advised, texts = misread(tmp_path, ROWS, "utf-8", guess)
    assert advised == ["utf-8"] * len(ROWS)
    assert texts == ROWS


def test_a_gbk_row_that_is_utf8_too_is_read_as_gbk(tmp_path: Path) -> None:
    path = tmp_path / "cn.csv"
    export(path, ["漏水"], "gbk")
    (complaint,) = CsvChannel(COLUMNS, encoding="gbk").read(str(path))
    assert isinstance(complaint, Complaint)
    assert complaint.text == "漏水"


@pytest.mark.skipif(not WAIMAI.exists(), reason="no ../shared/data/zh/waimai_10k.csv")
def test_on_the_waimai_reviews_utf8_read_as_gb18030_is_refused(tmp_path: Path) -> None:
    reviews, _ = waimai_reviews()
    export(tmp_path / "utf8.csv", reviews, "utf-8")
    read = list(CsvChannel(COLUMNS, encoding="gb18030").read(str(tmp_path / "utf8.csv")))
    assert len(read) == len(reviews)  # none lost
    assert [c.text for c in read if isinstance(c, Complaint)] == []
    assert {advice(r.reason) for r in read if isinstance(r, Rejected)} == {"utf-8"}
