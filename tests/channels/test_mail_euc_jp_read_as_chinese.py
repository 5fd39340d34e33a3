"""Japanese in EUC-JP (older Unix mail, web forms) reads whole as GB18030, its kana as
GB2312's kana and its kanji as other Chinese characters: unlabelled, or labelled gb2312, it
was taken in as mojibake (注文 as 庙矢), and under a Latin-1 label it was advised as
gb18030. Chinese text holds next to no kana, so bytes that read so are Japanese: taken in as
such unlabelled, advised as euc_jp under a Western label. A GB label is believed. Chinese text
reads as before, the waimai reviews' too."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput
from complaintkit.model.japanese_text import euc_japanese

JAPANESE = [
    "注文した商品がまだ届きません。返金してください。",
    "配達が遅れて商品が壊れていました。",
]
WAIMAI = Path(__file__).resolve().parents[3] / "shared" / "data" / "zh" / "waimai_10k.csv"


def _mail(body: bytes, label: str | None) -> bytes:
    content_type = "text/plain" + (f"; charset={label}" if label else "")
    return (
        "From: Sato <sato@example.jp>\r\nMessage-ID: <e1@example.jp>\r\n"
        "Date: Mon, 23 Nov 2026 10:00:00 +0900\r\nSubject: order\r\n"
        f"Content-Type: {content_type}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    ).encode() + body


@pytest.mark.parametrize("text", JAPANESE)
def test_unlabelled_euc_jp_reads_as_written(text: str) -> None:
    assert parse_mail(_mail(text.encode("euc_jp"), None)).text == text


@pytest.mark.parametrize("label", ["iso-8859-1", "windows-1252"])
@pytest.mark.parametrize("text", JAPANESE)
def test_euc_jp_under_a_western_label_is_advised_as_euc_jp(text: str, label: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_mail(text.encode("euc_jp"), label))
    assert refused.value.message.endswith("it reads as euc_jp")


@pytest.mark.parametrize("text", ["外卖送得太慢了, 菜都凉了。", "我の店很好吃"])
def test_chinese_reads_as_chinese(text: str) -> None:
    assert parse_mail(_mail(text.encode("gbk"), "gbk")).text == text
    assert parse_mail(_mail(text.encode("gbk"), None)).text == text


@pytest.mark.skipif(not WAIMAI.exists(), reason="needs shared/data/zh")
def test_no_chinese_review_reads_as_euc_jp() -> None:
    with WAIMAI.open(encoding="utf-8") as rows:
        texts = [row[-1] for row in csv.reader(rows)]
    assert [t for t in texts if euc_japanese(t.encode("gb18030")) is not None] == []


def test_a_chinese_label_is_believed() -> None:
    text = "ぁぁぁ啊"  # GBK's kana among Chinese
    assert parse_mail(_mail(text.encode("gbk"), "gb2312")).text == text
