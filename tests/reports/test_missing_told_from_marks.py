"""A missing value never reads as stored text, in any format.

A report shows a product no complaint names as ``(none)``, a blank one as ``""`` and a
figure there is none of as ``-``; a product stored as the text ``-``, ``(none)`` or ``""``
was shown as that text, so a reader saw two rows of one name and could not tell which was
missing. Stored text that reads as one of the marks (or starts with ``"``) is now shown in
double quotes, its own ``"`` doubled, in the text table, the CSV and the HTML.
"""

from __future__ import annotations

import csv
import io
import re
from html import unescape

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.reports.metrics import Report
from complaintkit.reports.table import render_csv, render_text
from complaintkit.testing.storage_contract import T0, make_complaint

PRODUCTS = [None, "-", "(none)", '""', '"-"', "(未填)", "milk"]


def _report(lang_marks: list[str | None]) -> Report:
    desk = Desk(storage="memory:", clock=ManualClock(T0))
    for n, product in enumerate(lang_marks):
        extra = {} if product is None else {"product": product}
        desk.intake(make_complaint(f"P{n}", **extra))
    return build_report(open_source(desk.storage), now=T0)


def _text_names(report: Report, lang: str) -> list[str]:
    lines = render_text(report, lang).split("\n")  # type: ignore[arg-type]
    start = next(i for i, line in enumerate(lines) if line in ("== Product", "== 产品"))
    rows = lines[start + 2 : lines.index("", start)]
    return [re.split(r"\s{2,}", row.strip())[0] for row in rows]


def _csv_names(report: Report, lang: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(render_csv(report, lang))))  # type: ignore[arg-type]
    title = next(r[0] for r in rows if r[0] in ("Product", "产品"))
    return [r[1] for r in rows if r[0] == title][1:]


def _html_names(report: Report, lang: str) -> list[str]:
    page = render_html(report, lang)  # type: ignore[arg-type]
    table = re.search(r'<h2 dir="auto">(?:Product|产品)</h2><table>(.*?)</table>', page, re.S)
    assert table is not None
    return [unescape(c) for c in re.findall(r'<tr><td dir="auto">(.*?)</td>', table[1])]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("names", [_text_names, _csv_names, _html_names])
def test_every_product_and_no_product_are_told_apart(names, lang: str) -> None:  # type: ignore[no-untyped-def]
    shown = names(_report(PRODUCTS), lang)
    assert len(shown) == len(PRODUCTS)
    assert len(set(shown)) == len(PRODUCTS)


def test_text_that_reads_as_no_mark_is_shown_as_stored() -> None:
    assert "milk" in _csv_names(_report(["milk", None]), "en")
