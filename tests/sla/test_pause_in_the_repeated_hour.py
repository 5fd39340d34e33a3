"""A period in calendar days that ends at the end of its last day keeps its time left on
the wall clock across a pause; a run of the clock inside the hour the clocks repeat in
autumn gives none back, though the wall clock read less at its end than at its start.

Received at 01:50 BST on Sunday 25 October 2026 (00:50 UTC), the clock ran 30 minutes to a
pause at 01:20 GMT (the clocks went back at 02:00 BST). Read as wall time that run used
-30 minutes, so the day left came to a day and half an hour, and resumed on the evening
of the 26th it ended a day later than the same wait a week on, when the clocks did not
change. A run never gives time back: the deadline is the one the week after gives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sla_helpers import complaint, make_desk

LONDON = {"timezone": "Europe/London", "hours": "24x7"}
POLICY = {
    "calendars": {"london": LONDON},
    "sla": {
        "calendar": "london",
        "warnings": [],
        "targets": [
            {"first_response": "1h", "resolution": {"within": "1 days", "ends": "end_of_day"}}
        ],
    },
}


def _resolution_due(received: datetime, paused: datetime, resumed: datetime) -> datetime:
    desk, clock = make_desk(POLICY, start=received)
    case_id = desk.intake(complaint(at=received)).id
    clock.set(received + timedelta(minutes=5))
    desk.respond(case_id, "已收到", actor="li.na")
    clock.set(paused)
    desk.transition(case_id, "waiting_on_customer", actor="li.na")
    clock.set(resumed)
    desk.transition(case_id, "investigating", actor="li.na")
    due = desk.get(case_id).clocks.metrics["resolution"].due_at
    assert due is not None
    return due.astimezone(UTC)


@pytest.mark.parametrize(
    ("received", "paused", "resumed", "due"),
    [
        # the clocks went back at 01:00 UTC: 00:50 UTC is 01:50 BST, 01:20 UTC 01:20 GMT
        ("2026-10-25T00:50", "2026-10-25T01:20", "2026-10-26T23:45", "2026-10-28T00:00"),
        # a week on, no change of the clocks: 23h30 left from Monday 23:45, Tuesday's end
        ("2026-11-01T00:50", "2026-11-01T01:20", "2026-11-02T23:45", "2026-11-04T00:00"),
    ],
)
def test_a_run_inside_the_repeated_hour_uses_time(
    received: str, paused: str, resumed: str, due: str
) -> None:
    def utc(text: str) -> datetime:
        return datetime.fromisoformat(text).replace(tzinfo=UTC)

    assert _resolution_due(utc(received), utc(paused), utc(resumed)) == utc(due)
