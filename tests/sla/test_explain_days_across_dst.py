"""``explain`` tells a target in calendar days (weeks, months) as the policy wrote it,
not as the real time it came to: 15 days across a DST change are 14 days 23 hours of
elapsed time, which is said beside the target, and time used is counted against that."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sla_helpers import complaint, make_desk

from complaintkit.sla.explain import explain_deadlines, render_deadlines

NEW_YORK = ZoneInfo("America/New_York")


def _explained(
    targets: dict[str, str], received: datetime, after: timedelta
) -> tuple[list[dict[str, Any]], list[str]]:
    document = {
        "calendars": {"eastern": {"timezone": "America/New_York", "hours": "24x7"}},
        "sla": {"calendar": "eastern", "warnings": [], "targets": [targets]},
    }
    desk, clock = make_desk(document, start=received)
    case = desk.intake(complaint(at=received))
    clock.advance(after)
    assert desk.sla is not None
    report = explain_deadlines(case, desk.sla, clock.now())
    return report["metrics"], render_deadlines(report)


def test_fifteen_days_across_the_spring_change_are_told_as_fifteen_days() -> None:
    received = datetime(2026, 3, 7, 10, tzinfo=NEW_YORK)  # EST; DST starts on 8 March
    (metric,), lines = _explained({"resolution": "15 days"}, received, timedelta(0))
    assert metric["budget"] == "15 days (14 days 23 hours of elapsed time)"
    assert metric["used"] == "0 minutes"
    assert "used 0 minutes of 15 days (14 days 23 hours of elapsed time)" in lines[0]
    assert metric["due_at"] == "2026-03-22T09:00:00-05:00"  # 10:00 EDT, 15 local days on


def test_used_time_is_the_real_time_run() -> None:
    received = datetime(2026, 3, 7, 10, tzinfo=NEW_YORK)
    (metric,), _ = _explained({"resolution": "15 days"}, received, timedelta(hours=72))
    assert metric["used"] == "3 days"
    assert metric["fraction"] == round(72 / (15 * 24 - 1), 4)


def test_days_without_a_change_weeks_and_days_with_hours_are_told_as_written() -> None:
    received = datetime(2026, 5, 4, 10, tzinfo=NEW_YORK)
    metrics, _ = _explained(
        {"resolution": "15 days", "first_response": "2 weeks"}, received, timedelta(0)
    )
    assert {m["metric"]: m["budget"] for m in metrics} == {
        "resolution": "15 days",
        "first_response": "14 days",
    }
    (metric,), _ = _explained({"resolution": "1d 4h"}, received, timedelta(0))
    assert metric["budget"] == "1 day 4 hours"


def test_a_month_says_how_long_it_is() -> None:
    received = datetime(2026, 1, 31, 10, tzinfo=NEW_YORK)  # to 28 February
    (metric,), _ = _explained({"resolution": "1 month"}, received, timedelta(0))
    assert metric["budget"] == "1 month (28 days of elapsed time)"


def test_autumn_days_are_longer() -> None:
    received = datetime(2026, 10, 31, 10, tzinfo=NEW_YORK)  # EST from 1 November
    (metric,), _ = _explained({"resolution": "15日"}, received, timedelta(0))
    assert metric["budget"] == "15 days (15 days 1 hour of elapsed time)"


def test_less_than_an_hour_used_is_told_in_minutes() -> None:
    """Not "0 business hours 10 minutes" nor "0 hours 10 minutes"; nothing at all used is
    told in the target's unit."""
    document = {
        "calendars": {"eastern": {"timezone": "America/New_York", "hours": "24x7"}},
        "sla": {
            "calendar": "eastern",
            "warnings": [],
            "targets": [{"first_response": "2 business hours", "resolution": "48 hours"}],
        },
    }
    received = datetime(2026, 5, 4, 10, tzinfo=NEW_YORK)
    desk, clock = make_desk(document, start=received)
    case = desk.intake(complaint(at=received))
    assert desk.sla is not None
    metrics = {m["metric"]: m for m in explain_deadlines(case, desk.sla, received)["metrics"]}
    assert metrics["first_response"]["used"] == "0 business hours"
    assert metrics["resolution"]["used"] == "0 hours"
    clock.advance(timedelta(minutes=10))
    metrics = {m["metric"]: m for m in explain_deadlines(case, desk.sla, clock.now())["metrics"]}
    assert metrics["first_response"]["used"] == "10 minutes"
    assert metrics["resolution"]["used"] == "10 minutes"
