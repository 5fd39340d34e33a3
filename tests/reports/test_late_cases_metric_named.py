"""The late cases name the deadline each missed as the SLA table names it, in the report's
language: a Chinese report listed ``first_response`` under 指标 beside an SLA table
reading 首次响应, and an English one ``first_response`` beside "First response"."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.reports.labels import Lang, label
from complaintkit.reports.metrics import Report
from complaintkit.reports.table import render_csv

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
NOON = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai


def _late_report() -> Report:
    clock = ManualClock(NOON)
    desk = Desk(load_policy(RETAIL), storage="memory:", clock=clock)
    desk.intake(
        {
            "channel": "web",
            "external_id": "w-1",
            "customer": {"id": "c-1"},
            "received_at": NOON.isoformat(),
            "text": "收银员态度很差",
        }
    )
    clock.advance(timedelta(days=5))
    return build_report(open_source(desk.storage), now=clock.now(), zone=desk.zone)


@pytest.mark.parametrize(
    ("lang", "named"),
    [("zh", {"首次响应", "解决"}), ("en", {"First response", "Resolution"})],
)
def test_the_late_list_names_the_metric_in_the_reports_language(
    lang: Lang, named: set[str]
) -> None:
    report = _late_report()
    assert "first_response" in {item.metric for item in report.late}
    rows = list(csv.reader(io.StringIO(render_csv(report, lang), newline="")))
    late = [row[4] for row in rows if row[0] == label("late_cases", lang)][1:]
    assert late
    assert set(late) <= named
    assert "first_response" not in render_html(report, lang)
    assert report.to_json()["late"][0]["metric"] in ("first_response", "resolution")  # ids
