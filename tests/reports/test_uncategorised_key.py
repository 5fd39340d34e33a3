"""A case with no category is one key in every part of a report: ``None`` in ``Report``,
``null`` in ``--json`` (breakdowns, daily counts, spikes alike), "(none)" in the text,
the CSV and the charts. The daily counts keyed it ``""`` (the key a blank value has),
while the category breakdown said ``null``."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import attrs
from reports_day import T0, complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint
from complaintkit.policy.assessment import Assessment, EmptyPolicy, History
from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.reports.metrics import Report
from complaintkit.reports.table import render_csv, render_text


@attrs.frozen
class SomeUncategorised(EmptyPolicy):
    """Complaints whose id starts with U get no category; the others are 'product'."""

    version: str = "test"

    def assess(self, complaint: Complaint, history: History) -> Assessment:
        category = None if complaint.external_id.startswith("U") else "product"
        return Assessment(category=category, severity="normal", owner="li.na")


def _report() -> Report:
    clock = ManualClock(T0)
    desk = Desk(SomeUncategorised(), storage="memory:", clock=clock, plugins=local_plugins())
    desk.intake(complaint("A", "web", T0))
    surge = T0 + timedelta(days=20)
    clock.set(surge + timedelta(hours=1))
    for n in range(8):  # a surge of uncategorised cases: a spike
        desk.intake(complaint(f"U{n}", "web", surge + timedelta(minutes=n)))
    return build_report(open_source(desk.storage), zone=desk.zone, now=clock.now())


def test_the_daily_counts_key_an_uncategorised_case_as_the_breakdown_does() -> None:
    report = _report()
    assert [s.key for s in report.breakdowns["category"]] == [None, "product"]
    assert list(report.daily) == ["product", None]
    # (no product either: the product rule flags the same surge)
    assert [(s.dimension, s.key) for s in report.spikes] == [("category", None), ("product", None)]


def test_json_says_null_for_it_everywhere() -> None:
    data = json.loads(json.dumps(_report().to_json()))
    assert [s["key"] for s in data["breakdowns"]["category"]] == [None, "product"]
    assert [(d["key"], sum(d["days"].values())) for d in data["daily"]] == [
        ("product", 1),
        (None, 8),
    ]
    assert [s["key"] for s in data["spikes"]] == [None, None]


def test_text_csv_and_charts_say_none() -> None:
    report = _report()
    text = render_text(report)
    assert "Category: (none)" in text  # the spike row
    rows = list(csv.reader(io.StringIO(render_csv(report))))
    assert ["Category", "(none)", "8", "88.9%", "88.9%"] in rows
    assert [r[1] for r in rows if r[0].startswith("Risk alerts")][1:] == [
        "Category: (none)",
        "Product: (none)",
    ]
    html = render_html(report)
    assert "(none)" in html
    assert '""' not in html
