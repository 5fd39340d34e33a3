"""``explain`` says why a clock counts on its calendar: a target naming its own calendar
(``resolution: {within: 3 business days, calendar: eastern}`` under a policy whose default
is ``western``) was shown as ``calendar: eastern (the default calendar)``."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sla_helpers import complaint, make_desk

from complaintkit.sla.explain import explain_deadlines, render_deadlines

NEW_YORK = ZoneInfo("America/New_York")
CALENDARS = {
    "eastern": {"timezone": "America/New_York", "hours": {"mon-fri": ["09:00-17:00"]}},
    "western": {"timezone": "America/Los_Angeles", "hours": {"mon-fri": ["09:00-17:00"]}},
}
DOCUMENT = {
    "calendars": CALENDARS,
    "sla": {
        "calendar": "western",
        "warnings": [],
        "targets": [
            {
                "first_response": "8 business hours",
                "resolution": {"within": "3 business days", "calendar": "eastern"},
            }
        ],
    },
}


def test_a_targets_own_calendar_is_named_so_and_the_default_as_the_default() -> None:
    monday = datetime(2026, 3, 2, 10, tzinfo=NEW_YORK)
    desk, clock = make_desk(DOCUMENT, start=monday)
    case = desk.intake(complaint(at=monday))
    assert desk.sla is not None
    report = explain_deadlines(case, desk.sla, clock.now())
    metrics = {m["metric"]: m for m in report["metrics"]}
    assert metrics["resolution"]["calendar_reason"] == "the target's calendar"
    assert metrics["first_response"]["calendar_reason"] == "the default calendar"
    text = "\n".join(render_deadlines(report))
    assert "calendar: eastern (the target's calendar)" in text
    assert "calendar: western (the default calendar)" in text
    assert "eastern (the default calendar)" not in text
