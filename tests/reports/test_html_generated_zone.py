"""The HTML report says when it was made on the wall clock its days are counted on.

A report on a Shanghai store, made at 05:42 on 6 December in Shanghai, counted that
morning's complaints on 6 December but said "Generated: 2026-12-05T21:42:29+00:00": the
day before, in UTC, in a page whose every other instant (an incident's first and last
case) is on the home zone's clock. It now reads ``2026-12-06T05:42:29+08:00``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.testing.storage_contract import make_complaint

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 5, 21, 42, 29, tzinfo=UTC)


def test_the_generated_instant_is_on_the_report_zone_clock() -> None:
    desk = Desk(storage="memory:", clock=ManualClock(NOW))
    desk.intake(make_complaint("a", received_at=NOW.isoformat()))
    report = build_report(open_source(desk.storage), zone=SHANGHAI, now=NOW)
    html = render_html(report, "zh")
    assert "2026-12-06T05:42:29+08:00" in html
    assert "2026-12-05T21:42:29" not in html
    assert report.to_json()["generated_at"].startswith("2026-12-05T21:42:29")  # JSON: as made
