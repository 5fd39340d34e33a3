"""The HTML daily chart spans the report's days, quiet ones included: a week whose last
days had no complaint must not end the line on the last busy day, as if the week were over
there, nor start it on the first busy one."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from reports_day import GradingPolicy, complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import Scope, build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.reports.labels import label

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _chart(html: str, title: str) -> str:
    return next(figure for figure in html.split("<figure>") if f">{title}<" in figure)


def _days(html: str) -> list[str]:
    chart = _chart(html, label("daily", "en"))
    return re.findall(r"<title>(\d{4}-\d\d-\d\d)</title></text>", chart)


def _span(first: date, last: date) -> list[str]:
    return [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]


def _desk(earlier: bool = False) -> tuple[Desk, ManualClock]:
    """Cases on 3 and 5 March (Shanghai), and with ``earlier`` one on 20 February."""
    start = datetime(2026, 3, 3, 9, tzinfo=SHANGHAI)
    clock = ManualClock(start - timedelta(days=11))
    desk = Desk(GradingPolicy(), storage="memory:", clock=clock, plugins=local_plugins())
    if earlier:
        desk.intake(complaint("B", "web", clock.now()))
    clock.set(start)
    desk.intake(complaint("A", "web", start))
    clock.set(start + timedelta(days=2))
    desk.intake(complaint("C", "web", clock.now()))  # 5 March; 4 March quiet
    return desk, clock


def test_a_scoped_report_draws_every_day_of_its_range() -> None:
    desk, _ = _desk(earlier=True)
    scope = Scope(
        since=datetime(2026, 3, 1, tzinfo=SHANGHAI), until=datetime(2026, 3, 8, tzinfo=SHANGHAI)
    )
    now = datetime(2026, 3, 20, tzinfo=SHANGHAI)
    report = build_report(open_source(desk.storage), scope, zone=SHANGHAI, now=now)
    assert _days(render_html(report)) == _span(date(2026, 3, 1), date(2026, 3, 7))


def test_a_report_of_all_time_spans_its_cases_days() -> None:
    """A store of past years' complaints is not drawn on to today; a quiet day between its
    cases is drawn as 0."""
    desk, _ = _desk()
    now = datetime(2028, 3, 9, 8, tzinfo=SHANGHAI)
    report = build_report(open_source(desk.storage), zone=SHANGHAI, now=now)
    assert _days(render_html(report)) == _span(date(2026, 3, 3), date(2026, 3, 5))


def test_a_range_without_an_end_runs_to_the_day_it_was_made() -> None:
    desk, _ = _desk(earlier=True)
    scope = Scope(since=datetime(2026, 3, 1, tzinfo=SHANGHAI))
    now = datetime(2026, 3, 9, 8, tzinfo=SHANGHAI)  # still 8 March in UTC
    report = build_report(open_source(desk.storage), scope, zone=SHANGHAI, now=now)
    assert _days(render_html(report)) == _span(date(2026, 3, 1), date(2026, 3, 9))


def test_a_range_reaching_past_the_report_ends_on_its_day() -> None:
    """Days after the report was made are not quiet, only not yet."""
    desk, _ = _desk(earlier=True)
    scope = Scope(since=datetime(2026, 3, 2, tzinfo=SHANGHAI))
    now = datetime(2026, 3, 6, 12, tzinfo=SHANGHAI)
    report = build_report(open_source(desk.storage), scope, zone=SHANGHAI, now=now)
    assert _days(render_html(report)) == _span(date(2026, 3, 2), date(2026, 3, 6))


def test_days_before_the_first_case_are_unknown_not_quiet() -> None:
    """``--since 2000-01-01`` on a store begun in 2026 draws 2026, not 9,000 empty days."""
    desk, _ = _desk()
    scope = Scope(since=datetime(2000, 1, 1, tzinfo=SHANGHAI))
    now = datetime(2026, 3, 6, 12, tzinfo=SHANGHAI)
    report = build_report(open_source(desk.storage), scope, zone=SHANGHAI, now=now)
    assert _days(render_html(report)) == _span(date(2026, 3, 3), date(2026, 3, 6))


def test_an_empty_store_draws_no_days() -> None:
    desk = Desk(GradingPolicy(), storage="memory:", plugins=local_plugins())
    report = build_report(open_source(desk.storage), zone=SHANGHAI)
    html = render_html(report)
    assert _days(html) == []
    assert label("no_data", "en") in _chart(html, label("daily", "en"))
