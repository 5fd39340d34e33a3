"""'Due soon' is the next 24 real hours, whatever zone the Desk's clock reads in.

``now + window`` on a zoned clock is reckoned on its wall: the evening before New York's
clocks go forward, 24 hours reached only 23 real hours ahead.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from complaintkit.reports.workload import OpenItem, due_within, workload

NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 3, 7, 12, tzinfo=NEW_YORK)  # the day before the change


def _item(due: datetime) -> OpenItem:
    return OpenItem("C-1", "li.na", "care", "new", "late bread", "first_response", due, None)


def test_a_deadline_23_and_a_half_real_hours_ahead_is_due_within_24_hours() -> None:
    due = NOW.astimezone(UTC) + timedelta(hours=23, minutes=30)
    item = _item(due)
    assert due_within([item], NOW, timedelta(hours=24)) == [item]
    (row,) = workload([item], "owner", NOW, timedelta(hours=24))
    assert row.due_soon == 1
