"""Two names that differ by an invisible character read as two names in the text and HTML
reports.

A zero width space, a word joiner or a byte order mark comes with a value copied from a web
page or a spreadsheet: ``--by attribute.store`` counted "A店" and "A店\\u200b" apart, as
written, and showed them as two rows reading "A店" — a manager read one store's figures
as another's, as with a bidi override (``test_html_bidi_controls``). Such characters are
shown as escapes (``\\u200b``), as the controls are; a joiner inside an emoji sequence or
between the letters of a script that joins them is part of the word and kept. The CSV and
JSON keep the values exact.
"""

from __future__ import annotations

import re

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.grouping import GroupBy
from complaintkit.reports.html import render_html
from complaintkit.reports.metrics import Report
from complaintkit.reports.table import render_csv, render_text
from complaintkit.testing.storage_contract import T0, make_complaint

#: one store, and its twins with an invisible character: each is a row of its own
STORES = ["A店", "A店\u200b", "\ufeffA店", "A\u2060店", "A店\u00ad", "A店\u200f"]
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
PERSIAN = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # می‌خواهم, a non-joiner inside
INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad\u200e\u200f]")


def _report() -> Report:
    desk = Desk(storage="memory:", clock=ManualClock(T0))
    for n, store in enumerate([*STORES, FAMILY, PERSIAN]):
        desk.intake(make_complaint(f"P{n}", attributes={"store": store}))
    return build_report(open_source(desk.storage), now=T0, by=[GroupBy.parse("attribute.store")])


def _rows(text: str) -> list[str]:
    lines = text.split("\n")
    start = lines.index("== By Attribute store") + 2
    return [line[2:].split("  ")[0] for line in lines[start : lines.index("", start)]]


def test_each_twin_reads_differently_in_the_text_report() -> None:
    names = _rows(render_text(_report()))
    assert len(names) == len(STORES) + 2
    assert len(set(names)) == len(names)
    assert not any(INVISIBLE.search(name) for name in names)
    assert "A店\\u200b" in names
    assert FAMILY in names
    assert PERSIAN in names


def test_each_twin_reads_differently_in_the_html_report() -> None:
    page = render_html(_report())
    assert not INVISIBLE.search(page)
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", page)
    assert {"A店\\u200b", "\\ufeffA店", "A\\u2060店", FAMILY, PERSIAN} <= set(cells)


def test_the_csv_keeps_the_values_exact() -> None:
    assert set(STORES) <= set(re.split(r"[,\r\n]", render_csv(_report())))
