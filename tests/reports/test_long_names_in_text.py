"""The text report cuts a long name (a product, category, attribute value pasted whole) to
:data:`~complaintkit.reports.table.TEXT_CELL_WIDTH` terminal columns ending in "…", so one
name does not push the table's other columns off the screen; wide (CJK) characters count
as two columns. The CSV and JSON keep every name whole."""

from __future__ import annotations

import csv
import io
import json

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.grouping import GroupBy
from complaintkit.reports.metrics import Report
from complaintkit.reports.table import TEXT_CELL_WIDTH, cell_width, render_csv, render_text
from complaintkit.testing.storage_contract import T0, make_complaint

LATIN = "Extra-long product name " * 10
CJK = "超长的商品名称" * 10  # 70 characters, 140 columns
FITS = "x" * TEXT_CELL_WIDTH
MIXED = "a" + "汉" * TEXT_CELL_WIDTH  # a wide character would straddle the last column


def _report() -> Report:
    desk = Desk(storage="memory:", clock=ManualClock(T0))
    for n, product in enumerate([LATIN, CJK, FITS, MIXED]):
        desk.intake(make_complaint(f"P{n}", product=product, attributes={"store": product}))
    return build_report(open_source(desk.storage), now=T0, by=[GroupBy.parse("attribute.store")])


def _rows(text: str, title: str) -> list[str]:
    lines = text.split("\n")
    start = lines.index(f"== {title}") + 2
    return lines[start : lines.index("", start)]


def test_long_names_are_cut_to_the_width_with_an_ellipsis() -> None:
    text = render_text(_report())
    for title in ("Product", "By Attribute store"):
        names = sorted(row[2:].split("  ")[0] for row in _rows(text, title))
        assert all(cell_width(name) <= TEXT_CELL_WIDTH for name in names), names
        assert LATIN[: TEXT_CELL_WIDTH - 1] + "…" in names
        assert CJK[: (TEXT_CELL_WIDTH - 1) // 2] + "…" in names
        assert "a" + "汉" * ((TEXT_CELL_WIDTH - 2) // 2) + "…" in names
        assert FITS in names  # a name that fits is whole
    widest = max(cell_width(line) for line in _rows(text, "Product"))
    assert widest < TEXT_CELL_WIDTH + 30


def test_csv_and_json_keep_names_whole() -> None:
    report = _report()
    cells = {cell for row in csv.reader(io.StringIO(render_csv(report))) for cell in row}
    assert {LATIN, CJK, MIXED} <= cells
    data = json.loads(json.dumps(report.to_json()))
    assert {s["key"] for s in data["breakdowns"]["product"]} >= {LATIN, CJK, MIXED}
    assert {s["key"] for s in data["by"]["attribute.store"]} >= {LATIN, CJK, MIXED}
