"""The HTML durations chart says what its hours are: calendar time, or the working time of
a business calendar, as the table beside it does; the same bars read very differently."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from reports_day import T0, GradingPolicy, H, complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.reports.labels import Lang, label


class HalfTime:
    """A stand-in business calendar: half of every span is working time."""

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        return (end - start) / 2


def _chart(html: str, title: str) -> str:
    return next(figure for figure in html.split("<figure>") if f">{title}<" in figure)


def _texts(chart: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", chart)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("business", [False, True])
def test_the_durations_chart_names_its_basis(lang: Lang, business: bool) -> None:
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage="memory:", clock=clock, plugins=local_plugins())
    case_id = desk.intake(complaint("A", "web", T0)).id
    clock.set(T0 + 4 * H)
    desk.respond(case_id, "we are looking into it", actor="li.na")
    report = build_report(
        open_source(desk.storage), calendar=HalfTime() if business else None, now=clock.now()
    )
    chart = _chart(render_html(report, lang), label("durations", lang))
    basis, other = ("business", "calendar") if business else ("calendar", "business")
    texts = " ".join(_texts(chart))
    assert label(basis, lang) in texts
    assert label(other, lang) not in texts
