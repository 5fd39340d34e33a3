# ruff: noqa: RUF001 -- Chinese test text uses full-width punctuation on purpose
"""Chinese CSV exports in one character set or another, for the tests of what a row read in
the wrong one is advised (``-o encoding=…``); and the waimai reviews (../shared/data/zh,
read in place: tests using them are skipped without it)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from complaintkit.channels.base import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "date", "text": "text"}
TRADITIONAL = [
    "外賣送得太慢了，飯菜都涼了",
    "服務態度很差，打電話也沒人接",
    "訂單顯示已送達，但我根本沒有收到餐點",
    "退款申請三天了還沒處理",
]
SIMPLIFIED = [
    "外卖送得太慢了，饭菜都凉了",
    "服务态度很差，打电话也没人接",
    "退款申请三天了还没处理",
]
WAIMAI = Path("/work/shared/data/zh/waimai_10k.csv")
if not WAIMAI.exists():
    WAIMAI = Path(__file__).resolve().parents[3] / "shared" / "data" / "zh" / WAIMAI.name


def export(path: Path, texts: list[str], encoding: str) -> None:
    """``texts`` as the rows of a CSV export in ``encoding``, one complaint each."""
    out = io.StringIO()
    rows = [["id", "date", "text"], *([f"T-{n}", "2026-11-23", t] for n, t in enumerate(texts))]
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))


def rejected(read: Iterable[object]) -> list[Rejected]:
    """What a channel read, every item of which must be a dead letter."""
    letters = list(read)
    assert all(isinstance(letter, Rejected) for letter in letters), letters
    return [letter for letter in letters if isinstance(letter, Rejected)]


def misread(
    folder: Path, texts: list[str], written_in: str, guess: str
) -> tuple[list[str], list[str]]:
    """``texts`` exported in ``written_in`` and read as ``guess``, every row a dead letter:
    the charset each letter advises, and the text its kept bytes give read in that charset,
    as ``dead-letters retry -o encoding=…`` reads them."""
    export(folder / "export.csv", texts, written_in)
    letters = rejected(CsvChannel(COLUMNS, encoding=guess).read(str(folder / "export.csv")))
    retried = folder / "letter.csv"
    advised, read_again = [], []
    for letter in letters:
        advised.append(advice(letter.reason))
        retried.write_bytes(letter.raw)
        (complaint,) = CsvChannel(COLUMNS, encoding=advised[-1]).read(str(retried))
        assert isinstance(complaint, Complaint), complaint
        read_again.append(complaint.text)
    return advised, read_again


def advice(reason: str) -> str:
    """The encoding a dead letter's reason advises, or ``""``."""
    return reason.partition("-o encoding=")[2].split()[0] if "-o encoding=" in reason else ""


def waimai_reviews() -> tuple[list[str], list[str]]:
    """The waimai reviews beyond ASCII, and those of them Big5 can write."""
    reviews = [row[1] for row in csv.reader(io.StringIO(WAIMAI.read_text(encoding="utf-8")))]
    reviews = [text for text in reviews[1:] if not text.isascii()]
    in_big5 = []
    for text in reviews:
        try:
            text.encode("big5")
        except UnicodeEncodeError:
            continue
        in_big5.append(text)
    return reviews, in_big5
