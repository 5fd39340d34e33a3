"""A GBK CSV (Simplified Chinese) read with ``-o encoding=big5`` (big5hkscs, cp950), the
user's wrong guess, was taken in as mojibake without a word: GBK bytes read as Big5-HKSCS
(外卖送得太慢了 as 俋闖冞腕怮鞣賸) for 9,520 of the 11,987 waimai reviews. A row whose Big5
reading is not Big5's common characters, while its GB18030 reading is Chinese as people
write it, is a dead letter advising ``gb18030``; Big5 rows are read as before (all 768
waimai reviews Big5 can write). On the waimai reviews too (../shared/data/zh, read in place;
skipped without it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from chinese_csv import (
    COLUMNS,
    SIMPLIFIED,
    TRADITIONAL,
    WAIMAI,
    export,
    misread,
    waimai_reviews,
)

from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint


@pytest.mark.parametrize("guess", ["big5", "big5hkscs", "cp950"])
def test_gbk_rows_read_as_big5_are_advised_gb18030_and_so_taken_in(
    tmp_path: Path, guess: str
) -> None:
    advised, texts = misread(tmp_path, SIMPLIFIED, "gbk", guess)
    assert advised == ["gb18030"] * len(SIMPLIFIED)
    assert texts == SIMPLIFIED


@pytest.mark.parametrize("guess", ["big5", "big5hkscs", "cp950"])
def test_big5_rows_read_as_big5_are_taken_in(tmp_path: Path, guess: str) -> None:
    path = tmp_path / "tw.csv"
    export(path, TRADITIONAL, "big5")
    read = list(CsvChannel(COLUMNS, encoding=guess).read(str(path)))
    assert [c.text for c in read if isinstance(c, Complaint)] == TRADITIONAL


@pytest.mark.skipif(not WAIMAI.exists(), reason="no ../shared/data/zh/waimai_10k.csv")
def test_on_the_waimai_reviews_gbk_read_as_big5_is_refused_and_big5_taken_in(
    tmp_path: Path,
) -> None:
    reviews, in_big5 = waimai_reviews()
    export(tmp_path / "big5.csv", in_big5, "big5")
    taken = list(CsvChannel(COLUMNS, encoding="big5hkscs").read(str(tmp_path / "big5.csv")))
    assert [c.text for c in taken if isinstance(c, Complaint)] == in_big5
    export(tmp_path / "gbk.csv", reviews, "gb18030")
    read = list(CsvChannel(COLUMNS, encoding="big5hkscs").read(str(tmp_path / "gbk.csv")))
    assert len(read) == len(reviews)  # none lost
    garbled = [c for c in read if isinstance(c, Complaint)]
    assert len(garbled) <= 0.001 * len(reviews), [c.text for c in garbled][:5]  # 2 of 11,987
