"""A ``from:`` field holding a time of day without an offset (``2026-10-01T10:00``, as a
shop system or an export writes local times) is read on the calendar's wall clock, as a
date is read as its midnight there: it was taken as unreadable and the clock counted from
receipt, days away from the date the complaint gives. A time the clocks skip is read with
the offset before the change, a repeated one as its first occurrence, as calendar hours
are."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sla_helpers import complaint, make_desk

RECEIVED = datetime(2026, 11, 2, 12, tzinfo=UTC)


def _document(target: dict[str, Any]) -> dict[str, Any]:
    calendar = {"timezone": "Europe/London", "hours": {"mon-fri": ["09:00-17:00"]}}
    target = {**target, "from": "complaint.attributes.sent", "pause_in": []}
    return {
        "calendars": {"uk": calendar},
        "sla": {"calendar": "uk", "warnings": [], "targets": [{"resolution": target}]},
    }


@pytest.mark.parametrize(
    ("sent", "started"),
    [
        ("2026-10-20T10:00", datetime(2026, 10, 20, 9, tzinfo=UTC)),  # BST
        ("2026-10-20 10:00:30", datetime(2026, 10, 20, 9, 0, 30, tzinfo=UTC)),
        ("2026-10-27T10:00:00", datetime(2026, 10, 27, 10, tzinfo=UTC)),  # GMT
        ("2026-03-29T01:30", datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),  # skipped: 02:30 BST
        ("2026-10-25T01:30", datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),  # repeated: the first
    ],
)
def test_a_time_without_an_offset_is_read_on_the_calendars_wall_clock(
    sent: str, started: datetime
) -> None:
    desk, _ = make_desk(_document({"within": "24h"}), start=RECEIVED)
    state = desk.intake(complaint(at=RECEIVED, sent=sent)).clocks.metrics["resolution"]
    assert state.started_at == started
    assert state.due_at == started + timedelta(hours=24)
    assert state.start_reason == f"complaint.attributes.sent = {sent}"


@pytest.mark.parametrize("sent", ["2026-10-20T25:00", "10:00", "2026-10-20T"])
def test_a_time_that_is_no_instant_still_counts_from_receipt(sent: str) -> None:
    desk, _ = make_desk(_document({"within": "24h"}), start=RECEIVED)
    state = desk.intake(complaint(at=RECEIVED, sent=sent)).clocks.metrics["resolution"]
    assert state.started_at == RECEIVED
    assert "is missing or not a date" in (state.start_reason or "")
