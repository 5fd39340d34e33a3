"""A name in Arabic or Hebrew reads right to left in the report's charts too.

The tables' cells take their direction from their first strong letter (``dir="auto"``), but
the charts' labels and legend were drawn left to right, the direction SVG text has unless
told otherwise: a product "מוצר (12)" was drawn with its brackets on the wrong sides, so two
products differing in their number could not be told apart on the chart. A label reading
right to left now says so (``direction="rtl"``; SVG text has no ``auto``), anchored at the
place a left-to-right one takes, so it stays inside its chart.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.grouping import GroupBy
from complaintkit.reports.html import render_html
from complaintkit.reports.svg import Series, bar_chart, right_to_left
from complaintkit.testing.storage_contract import T0, make_complaint

SVG = "{http://www.w3.org/2000/svg}"
HEBREW = "מוצר (12)"
ARABIC = "فرع (3)"


def _drawn(chart: ET.Element) -> dict[str, dict[str, str]]:
    """Each drawn text of a chart (its tooltip aside) → its attributes."""
    found = {}
    for text in chart.iter(f"{SVG}text"):
        drawn = (text.text or "") + "".join(t.text or "" for t in text.iter(f"{SVG}tspan"))
        found[drawn.strip()] = dict(text.attrib)
    return found


def _charts(page: str) -> list[ET.Element]:
    start, charts = 0, []
    while (at := page.find("<svg", start)) >= 0:
        end = page.index("</svg>", at) + len("</svg>")
        charts.append(ET.fromstring(page[at:end]))
        start = end
    return charts


def test_every_right_to_left_label_of_the_report_reads_so() -> None:
    desk = Desk(storage="memory:", clock=ManualClock(T0))
    desk.intake(make_complaint("P0", product=HEBREW, attributes={"store": ARABIC}))
    desk.intake(make_complaint("P1", product="milk-1", attributes={"store": "上海一店"}))
    report = build_report(open_source(desk.storage), now=T0, by=[GroupBy.parse("attribute.store")])
    drawn: dict[str, dict[str, str]] = {}
    for chart in _charts(render_html(report)):
        drawn |= _drawn(chart)
    assert drawn[HEBREW]["direction"] == "rtl"
    assert drawn[ARABIC]["direction"] == "rtl"
    assert "direction" not in drawn["milk-1"]
    assert "direction" not in drawn["上海一店"]


def _labels(name: str) -> list[dict[str, str]]:
    """The attributes of the texts drawing ``name`` in a one-bar chart: its axis label,
    then its legend entry."""
    chart = ET.fromstring(bar_chart("t", [name], [Series(name, [3])], "x", "y"))
    return [dict(t.attrib) for t in chart.iter(f"{SVG}text") if name in "".join(t.itertext())]


def test_a_right_to_left_label_is_anchored_where_a_left_to_right_one_is() -> None:
    latin, hebrew = _labels("milk (12)"), _labels(HEBREW)
    assert len(latin) == len(hebrew) == 2
    for ltr, rtl in zip(latin, hebrew, strict=True):
        for placed in ("x", "y", "transform"):
            assert rtl.get(placed) == ltr.get(placed)
    # an anchor is read in the text's direction: the axis label's right end stays at its
    # bar, the legend entry's left end beside its colour
    assert [t.get("text-anchor", "start") for t in latin] == ["end", "start"]
    assert [t.get("text-anchor") for t in hebrew] == ["start", "end"]


@given(st.text(max_size=20))
def test_the_first_strong_letter_decides(text: str) -> None:
    assert right_to_left("12 " + HEBREW + text)
    assert right_to_left("(" + ARABIC + text)
    assert not right_to_left("12 milk" + HEBREW + text)
    assert not right_to_left("1-klim\\u202e" + text)  # an override, shown escaped
