"""A chart's title and axis label stay inside its frame however long the fact it names.

``--by attribute.NAME`` titles its chart ``Pareto: Attribute NAME`` and labels its x axis
``Attribute NAME``, neither of them wrapped or cut: an attribute named in a long Chinese
phrase (a form field's question, as channels pass them on) drew the title and the label past
both sides of the 640-pixel frame. They now end in an ellipsis where the frame ends, the
full text in the tooltip (and in the chart's accessible name)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from reports_day import local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.grouping import GroupBy
from complaintkit.reports.html import render_html
from complaintkit.reports.svg import WIDTH, text_width

SVG = "{http://www.w3.org/2000/svg}"
NAME = "您在本次购物过程中遇到的问题属于以下哪一种类型请选择最接近的一项" * 2


def _page() -> str:
    at = datetime(2026, 3, 1, 10, tzinfo=UTC)
    desk = Desk(storage="memory:", clock=ManualClock(at), plugins=local_plugins())
    for n, answer in enumerate(("物流", "质量", "物流")):
        desk.intake(
            {
                "channel": "web",
                "external_id": f"f{n}",
                "received_at": at.isoformat(),
                "customer": {"id": f"u{n}"},
                "text": "问卷",
                "attributes": {NAME: answer},
            }
        )
    report = build_report(open_source(desk.storage), by=[GroupBy.parse(f"attribute.{NAME}")])
    return render_html(report, "zh")


def test_a_long_attribute_name_stays_inside_its_chart() -> None:
    charts = [ET.fromstring(svg) for svg in re.findall(r"<svg.*?</svg>", _page(), re.S)]
    named = [svg for svg in charts if NAME in (svg.get("aria-label") or "")]
    assert named, "the attribute's chart"
    for svg in named:
        for text in svg.iter(f"{SVG}text"):
            if "transform" in text.attrib:
                continue
            shown = "".join(t for t in text.itertext() if t not in _tooltips(text))
            width = text_width(shown, float(text.get("font-size", 11)))
            x, anchor = float(text.get("x", 0)), text.get("text-anchor", "start")
            left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
            assert 0 <= left <= left + width <= WIDTH, shown


def _tooltips(text: ET.Element) -> set[str]:
    return {t.text or "" for t in text.iter(f"{SVG}title")}
