"""The text and CSV reports say what they cover and when they were made, as the HTML and
JSON do: a report.csv of one product's week, mailed on, read as the whole store's
figures, its scope written nowhere in it."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from reports_day import T0, GradingPolicy, local_plugins, play_day

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import Scope, build_report, open_source
from complaintkit.reports.labels import Lang, label
from complaintkit.reports.table import render_csv, render_text

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 3, 9, 10, 30, tzinfo=SHANGHAI)


def _section(report_csv: str, title: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(report_csv)))
    return [row[1:] for row in rows if row[0] == title]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_filtered_report_names_its_scope(lang: Lang) -> None:
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage="memory:", clock=clock, plugins=local_plugins())
    play_day(desk, clock)
    scope = Scope(since=datetime(2026, 3, 2, tzinfo=SHANGHAI), channel="web")
    report = build_report(open_source(desk.storage), scope, zone=SHANGHAI, now=NOW)
    header, row = _section(render_csv(report, lang), label("scope", lang))
    assert header == [label("scope", lang), label("generated", lang)]
    assert row == ["since=2026-03-02T00:00:00+08:00, channel=web", "2026-03-09T10:30:00+08:00"]
    text = render_text(report, lang)
    assert "since=2026-03-02T00:00:00+08:00, channel=web" in text
    assert "2026-03-09T10:30:00+08:00" in text


def test_a_report_of_everything_says_so() -> None:
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage="memory:", clock=clock, plugins=local_plugins())
    report = build_report(open_source(desk.storage), zone=SHANGHAI, now=NOW)
    assert _section(render_csv(report), label("scope", "en"))[1] == [
        label("all_time", "en"),
        "2026-03-09T10:30:00+08:00",
    ]
