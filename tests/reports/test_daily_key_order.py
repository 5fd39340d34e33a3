"""The daily counts come out in one order on every backend, so JSON and charts agree.

Memory listed a report's daily series in the order the cases were read (the first
received first) and SQLite and PostgreSQL in the order their SQL grouped them (by key), so
``--json`` printed another object on each backend and the HTML chart, ranking series by
volume with ties left in that order, gave two equally busy categories each other's colours
(or drew a different one when the chart's lines ran out). Keys are now sorted.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from reports_day import T0, GradingPolicy, complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html


def _reported(storage: str) -> tuple[str, str]:
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage=storage, clock=clock, plugins=local_plugins())
    desk.intake(complaint("C", "web", T0))  # service, received first
    clock.set(T0 + timedelta(hours=1))
    desk.intake(complaint("A", "web", clock.now()))  # product: as busy as service
    source = open_source(desk.storage)
    try:
        report = build_report(source, zone=desk.zone, now=clock.now())
    finally:
        getattr(source, "close", lambda: None)()
        desk.storage.close()
    return json.dumps(report.to_json(), ensure_ascii=False), render_html(report)


def test_daily_series_are_in_key_order_on_every_backend(tmp_path: Path) -> None:
    memory = _reported("memory:")
    assert [d["key"] for d in json.loads(memory[0])["daily"]] == ["product", "service"]
    assert _reported(f"sqlite:///{tmp_path / 'cases.db'}") == memory
