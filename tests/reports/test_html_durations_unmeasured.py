"""The HTML durations chart says what the JSON and the table say: a time no case has yet
(none resolved) is no bar of 0 hours, which would read as resolved at once."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from reports_day import T0, GradingPolicy, H, complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.reports.labels import label


def _chart(html: str, title: str) -> str:
    return next(figure for figure in html.split("<figure>") if f">{title}<" in figure)


def _drawn(chart: str, name: str) -> list[float]:
    """The values the chart's bars for ``name`` show in their tooltips."""
    return [float(v) for v in re.findall(rf"<title>{re.escape(name)}: ([^<]*)</title>", chart)]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("answered", [0, 1, 3])
def test_the_durations_chart_draws_only_the_times_some_case_has(lang: str, answered: int) -> None:
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage="memory:", clock=clock, plugins=local_plugins())
    ids = [desk.intake(complaint(key, "web", T0)).id for key in "ABCD"]
    for k, case_id in enumerate(ids[:answered]):
        clock.set(T0 + (k + 2) * H)
        desk.respond(case_id, "we are looking into it", actor="li.na")
    report = build_report(open_source(desk.storage), now=clock.now() + timedelta(minutes=1))
    chart = _chart(render_html(report, lang), label("durations", lang))  # type: ignore[arg-type]
    durations = report.to_json()["durations"]
    for name, stats in durations.items():
        hours = [stats[f"{q}_hours"] for q in ("p50", "p90", "p99")]
        drawn = _drawn(chart, label(name, lang))  # type: ignore[arg-type]
        assert drawn == ([] if stats["count"] == 0 else pytest.approx(hours, abs=1e-4))
    if not any(stats["count"] for stats in durations.values()):
        assert label("no_data", lang) in chart  # type: ignore[arg-type]
