"""The 12,000 real Chinese reviews (../shared/data/zh/waimai_10k.csv), exported in GBK as
Chinese tools write them: read with their encoding every row is taken exactly, read as
UTF-8 every row is a dead letter advising GB18030 (never Shift-JIS: none reads as
Japanese), and mailed without a charset each is read exactly."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.model.japanese_text import japanese

DATA = Path("/work/shared/data")
if not DATA.exists():
    DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
WAIMAI = DATA / "zh" / "waimai_10k.csv"
pytestmark = pytest.mark.skipif(not WAIMAI.exists(), reason="no ../shared/data/zh/waimai_10k.csv")
COLUMNS = {"external_id": "id", "received_at": "at", "text": "review"}


def _reviews() -> list[str]:
    with WAIMAI.open(encoding="utf-8", newline="") as handle:
        return [row["review"] for row in csv.DictReader(handle)]


def _gbk_export(tmp_path: Path, reviews: list[str]) -> Path:
    path = tmp_path / "waimai_gbk.csv"
    with path.open("w", encoding="gb18030", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "at", "review"])
        writer.writerows([n, "2026-11-02 10:00", text] for n, text in enumerate(reviews, 1))
    return path


def test_no_review_in_gbk_reads_as_japanese() -> None:
    assert not [text for text in _reviews() if japanese(text.encode("gb18030")) is not None]


def test_the_gbk_export_read_with_its_encoding_is_exact(tmp_path: Path) -> None:
    reviews = _reviews()
    channel = CsvChannel(COLUMNS, encoding="gb18030", timezone="Asia/Shanghai")
    items = list(channel.read(str(_gbk_export(tmp_path, reviews))))
    taken = {int(i.external_id): i.text for i in items if isinstance(i, Complaint)}
    expected = {n: text.strip() for n, text in enumerate(reviews, 1) if text.strip()}
    assert taken == expected


def test_the_gbk_export_read_as_utf8_is_advised_gb18030_row_by_row(tmp_path: Path) -> None:
    reviews = _reviews()
    channel = CsvChannel(COLUMNS, timezone="Asia/Shanghai")
    items = list(channel.read(str(_gbk_export(tmp_path, reviews))))
    letters = [i for i in items if isinstance(i, Rejected)]
    assert len(letters) == sum(not text.isascii() for text in reviews)
    assert all("-o encoding=gb18030" in letter.reason for letter in letters)
    assert len({letter.source for letter in letters}) == len(letters)


def test_each_review_mailed_in_gbk_without_a_charset_is_read_exactly() -> None:
    refused = []
    for number, text in enumerate(_reviews()[:3000]):
        raw = (
            (
                f"From: c{number}@example.cn\nMessage-ID: <w{number}@example.cn>\n"
                "Date: Mon, 23 Nov 2026 09:30:00 +0800\n"
            ).encode()
            + b"Subject: "
            + text[:20].encode("gb18030")
            + b"\n\n"
            + text.encode("gb18030")
        )
        try:
            complaint = parse_mail(raw)
        except InvalidInput:
            refused.append(text)
            continue
        assert complaint.text == text.strip()
    # a row of decorations, characters no Chinese text is made of, and a phone's emoji
    # in the private-use area, which Big5 read as GB18030 holds too: refused, not garbled
    assert len(refused) <= 2
