"""A Big5 CSV (Traditional Chinese, from Taiwan or Hong Kong) read as UTF-8: each row was
advised ``-o encoding=gb18030``, which reads Big5 bytes as characters no one writes
together (外賣送得太慢了 as 芥癳眔び篊逗), and followed, took the rows in garbled. A row
that reads as Big5's common characters, and not as Chinese people write in GB18030, is
advised ``big5hkscs``; GBK rows are advised ``gb18030`` as before. On the waimai reviews
(../shared/data/zh, read in place; skipped without it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from chinese_csv import COLUMNS, TRADITIONAL, WAIMAI, advice, export, waimai_reviews

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint


def test_a_big5_row_is_advised_big5_and_so_read_is_its_text(tmp_path: Path) -> None:
    path = tmp_path / "tw.csv"
    export(path, TRADITIONAL, "big5")
    letters = list(CsvChannel(COLUMNS).read(str(path)))
    refused = [letter for letter in letters if isinstance(letter, Rejected)]
    assert len(refused) == len(letters)
    assert [advice(letter.reason) for letter in refused] == ["big5hkscs"] * len(TRADITIONAL)
    retried = tmp_path / "letter.csv"
    texts = []
    for letter in refused:
        retried.write_bytes(letter.raw)
        (complaint,) = CsvChannel(COLUMNS, encoding=advice(letter.reason)).read(str(retried))
        assert isinstance(complaint, Complaint)
        texts.append(complaint.text)
    assert texts == TRADITIONAL


@pytest.mark.skipif(not WAIMAI.exists(), reason="no ../shared/data/zh/waimai_10k.csv")
def test_on_the_waimai_reviews_big5_rows_are_told_apart_from_gbk_ones(tmp_path: Path) -> None:
    reviews, in_big5 = waimai_reviews()
    advised = {}
    for encoding, texts in (("big5", in_big5), ("gb18030", reviews)):
        export(tmp_path / f"{encoding}.csv", texts, encoding)
        read = CsvChannel(COLUMNS).read(str(tmp_path / f"{encoding}.csv"))
        advised[encoding] = [advice(r.reason) for r in read if isinstance(r, Rejected)]
    assert set(advised["gb18030"]) == {"gb18030"}
    assert len(advised["gb18030"]) == len(reviews)
    big5 = advised["big5"].count("big5hkscs")
    assert big5 >= 0.9 * len(in_big5), (big5, len(in_big5))  # 717 of 768 rows
