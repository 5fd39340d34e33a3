"""Deadlines named in a case's history read in their calendar's zone, with the offset that
zone has at that instant: a 48-hour clock started in New York winter time falls due after
the clocks went forward, so its deadline reads 08:00-04:00, not 07:00-05:00 (the same
instant in the offset it started in, which no clock in New York showed that day)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sla_helpers import complaint, make_desk

NEW_YORK = ZoneInfo("America/New_York")
RECEIVED = datetime(2026, 3, 6, 7, tzinfo=NEW_YORK)  # Friday, EST; DST starts on Sunday
DUE = "2026-03-08T08:00:00-04:00"  # 48 hours on: 12:00 UTC, in EDT
INSTANT = re.compile(r"\d{4}-\d\d-\d\dT[\d:.]+[+-]\d\d:\d\d")


def _policy() -> dict[str, object]:
    return {
        "calendars": {"ny": {"timezone": "America/New_York", "hours": "24x7"}},
        "sla": {
            "calendar": "ny",
            "warnings": ["1 hour before"],
            "metrics": {"resolution": {"promise": True}},
            "targets": [
                {
                    "first_response": {
                        "within": "48h",
                        "extend": [{"upon": "approved", "by": "1h"}],
                    },
                    "resolution": {
                        "within": "47h",
                        "extend": [{"upon": "holding_reply", "by": "1h"}],
                    },
                }
            ],
        },
    }


def test_deadlines_in_a_case_history_read_in_the_calendar_zone() -> None:
    desk, clock = make_desk(_policy(), start=RECEIVED)  # the desk keeps New York time too
    case_id = desk.intake(complaint(at=RECEIVED)).id
    clock.advance(timedelta(hours=30))
    desk.record_event(case_id, "holding_reply", actor="li.na")  # resolution: 47h + 1h
    clock.advance(timedelta(hours=20))
    desk.tick()  # both breached at 48h
    desk.record_event(case_id, "approved", actor="li.na")  # too late to extend first_response
    history = desk.history(case_id)
    kinds = {e.kind for e in history}
    assert kinds >= {"deadline_promised", "sla_extended", "sla_warning", "sla_breached"}
    assert "sla_extension_late" in kinds
    named = [(e.kind, text) for e in history for text in INSTANT.findall(e.reason or "")]
    assert ("sla_breached", DUE) in named
    for kind, text in named:
        shown = datetime.fromisoformat(text)
        assert shown.utcoffset() == shown.astimezone(NEW_YORK).utcoffset(), (kind, text)
