"""The detector counts real hours, whatever zone the cases' instants are written in.

Python subtracts and compares two datetimes of one ``ZoneInfo`` on the wall clock, so a
Desk whose clock runs in a zone with daylight saving time measured a window across the
change an hour long or short.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.incidents import IncidentDetector, WindowRule, replay

NEW_YORK = ZoneInfo("America/New_York")
#: 01:30 on the days the clocks go forward (the night is 23 hours) and back (25 hours).
SPRING = datetime(2026, 3, 8, 1, 30, tzinfo=NEW_YORK)
AUTUMN = datetime(2026, 10, 31, 1, 30, tzinfo=NEW_YORK)


def later(at: datetime, hours: float) -> datetime:
    """``hours`` of real time after ``at``, on ``at``'s wall clock."""
    return (at.astimezone(UTC) + timedelta(hours=hours)).astimezone(at.tzinfo)


def test_a_window_across_the_spring_change_counts_real_hours() -> None:
    # 23.5 real hours apart, 24.5 on the wall clock: within a 24-hour window
    second = later(SPRING, 23.5)
    assert second - SPRING == timedelta(hours=24.5)  # what Python's wall arithmetic says
    found = replay(WindowRule("product", 2, 24), [("SKU", SPRING, "a"), ("SKU", second, "b")])
    assert [i.case_ids for i in found] == [("a", "b")]


def test_a_window_across_the_autumn_change_counts_real_hours() -> None:
    # 24.5 real hours apart, 23.5 on the wall clock: outside a 24-hour window
    second = later(AUTUMN, 24.5)
    found = replay(WindowRule("product", 2, 24), [("SKU", AUTUMN, "a"), ("SKU", second, "b")])
    assert found == []


def test_the_quiet_period_across_a_change_counts_real_hours() -> None:
    # opened by two cases before the change, then a third 11.5 real hours after the
    # second, 12.5 on the wall clock: within a 12-hour quiet period
    first, second = later(SPRING, -1), later(SPRING, -0.5)
    third = later(second, 11.5)
    rule = WindowRule("product", 2, 24, quiet_hours=12)
    found = replay(rule, [("SKU", first, "a"), ("SKU", second, "b"), ("SKU", third, "c")])
    assert [i.case_ids for i in found] == [("a", "b", "c")]


#: A day before a change of the clocks in each zone (Shanghai has none), in UTC.
CHANGES = [
    ("America/New_York", datetime(2026, 3, 7, tzinfo=UTC)),
    ("America/New_York", datetime(2026, 10, 31, tzinfo=UTC)),
    ("Europe/London", datetime(2026, 3, 28, tzinfo=UTC)),
    ("Europe/London", datetime(2026, 10, 24, tzinfo=UTC)),
    ("Australia/Sydney", datetime(2026, 4, 4, tzinfo=UTC)),
    ("Asia/Shanghai", datetime(2026, 4, 4, tzinfo=UTC)),
]


@given(
    st.lists(st.floats(min_value=0, max_value=72), min_size=1, max_size=12),
    st.sampled_from(CHANGES),
)
def test_zones_do_not_change_what_is_found(
    hours: list[float], change: tuple[str, datetime]
) -> None:
    zone, start = change
    instants = sorted(start + timedelta(hours=h) for h in hours)
    rule = WindowRule("product", 2, 24, quiet_hours=6)

    def found(tz: ZoneInfo | None) -> list[tuple[str, tuple[str, ...]]]:
        arrivals = [
            ("SKU", at if tz is None else at.astimezone(tz), str(n))
            for n, at in enumerate(instants)
        ]
        return [(i.id, i.case_ids) for i in replay(rule, arrivals)]

    assert found(ZoneInfo(zone)) == found(None)


def test_the_live_detector_agrees_with_a_replay_of_stored_instants() -> None:
    # the live watcher sees the clock's zoned instants, a report the stored UTC ones
    arrivals = [("SKU", SPRING, "a"), ("SKU", later(SPRING, 23.5), "b")]
    live = IncidentDetector(WindowRule("product", 2, 24), record=True)
    raised = [live.observe(value, at, case_id) for value, at, case_id in arrivals]
    stored = [(value, at.astimezone(UTC), case_id) for value, at, case_id in arrivals]
    [incident] = replay(WindowRule("product", 2, 24), stored)
    assert raised[-1] is not None
    assert raised[-1].id == incident.id
