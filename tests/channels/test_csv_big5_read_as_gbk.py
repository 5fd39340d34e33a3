"""A Big5 CSV (Traditional Chinese) read with ``-o encoding=gbk``, the user's wrong guess,
was taken in as mojibake without a word: most Big5 bytes are GBK too (送餐非常快 reads
as 癳繺獶盽е; as GB18030, nearly all do), so only the rows holding a byte GBK lacks were
refused. A row that GBK
(GB2312, GB18030) reads whole, but as characters no one writes together, and Big5 as its
common characters, is a dead letter advising ``big5hkscs`` — Shift-JIS so read,
``cp932`` — as a row that GBK cannot read is; real GBK rows are read as before. On the
waimai reviews too (../shared/data/zh, read in place; skipped without it)."""

from __future__ import annotations

from pathlib import Path

import chinese_csv
import pytest
from chinese_csv import (
    COLUMNS,
    SIMPLIFIED,
    WAIMAI,
    advice,
    export,
    misread,
    waimai_reviews,
)

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint

#: Short rows GBK reads whole (送餐非常快 as 癳繺獶盽е) after those it cannot.
TRADITIONAL = [*chinese_csv.TRADITIONAL, "送餐非常快", "送餐太慢太慢", "非常非常慢"]


@pytest.mark.parametrize("guess", ["gbk", "gb2312", "gb18030", "cp936"])
def test_big5_rows_read_as_gbk_are_advised_big5_and_so_taken_in(tmp_path: Path, guess: str) -> None:
    advised, texts = misread(tmp_path, TRADITIONAL, "big5", guess)
    assert advised == ["big5hkscs"] * len(TRADITIONAL)
    assert texts == TRADITIONAL


def test_shift_jis_rows_read_as_gbk_are_advised_cp932(tmp_path: Path) -> None:
    path = tmp_path / "jp.csv"
    export(path, ["配達がとても遅かったです、料理が冷めていました"], "cp932")
    (letter,) = CsvChannel(COLUMNS, encoding="gbk").read(str(path))
    assert isinstance(letter, Rejected)
    assert advice(letter.reason) == "cp932"


def test_gbk_rows_read_as_gbk_are_taken_in(tmp_path: Path) -> None:
    path = tmp_path / "cn.csv"
    export(path, SIMPLIFIED, "gbk")
    read = list(CsvChannel(COLUMNS, encoding="gbk").read(str(path)))
    assert [c.text for c in read if isinstance(c, Complaint)] == SIMPLIFIED


@pytest.mark.skipif(not WAIMAI.exists(), reason="no ../shared/data/zh/waimai_10k.csv")
def test_on_the_waimai_reviews_big5_read_as_gb18030_is_refused_and_gbk_taken_in(
    tmp_path: Path,
) -> None:
    reviews, in_big5 = waimai_reviews()
    export(tmp_path / "gbk.csv", reviews, "gb18030")
    taken = list(CsvChannel(COLUMNS, encoding="gb18030").read(str(tmp_path / "gbk.csv")))
    assert [c.text for c in taken if isinstance(c, Complaint)] == reviews
    export(tmp_path / "big5.csv", in_big5, "big5")
    read = list(CsvChannel(COLUMNS, encoding="gb18030").read(str(tmp_path / "big5.csv")))
    assert len(read) == len(in_big5)  # none lost
    refused = [advice(r.reason) for r in read if isinstance(r, Rejected)]
    assert refused.count("big5hkscs") >= 0.9 * len(in_big5), (len(refused), len(in_big5))
