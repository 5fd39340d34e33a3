"""The engine against simple oracles: desk clocks in any zone, pauses, late sweeps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sla_helpers import complaint, make_desk

H = timedelta(hours=1)
ZONES = st.sampled_from(
    ["UTC", "Europe/London", "America/New_York", "Australia/Sydney", "Asia/Shanghai"]
).map(ZoneInfo)
#: Instants within two days of a DST change in London, New York or Sydney.
CHANGES = [
    datetime(2026, 3, 29, 1, tzinfo=UTC),
    datetime(2026, 10, 25, 1, tzinfo=UTC),
    datetime(2026, 3, 8, 7, tzinfo=UTC),
    datetime(2026, 11, 1, 6, tzinfo=UTC),
    datetime(2026, 4, 4, 16, tzinfo=UTC),
]
NEAR_DST = st.tuples(st.sampled_from(CHANGES), st.integers(-48 * 60, 48 * 60)).map(
    lambda pair: pair[0] + timedelta(minutes=pair[1])
)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(NEAR_DST, ZONES, ZONES, st.integers(1, 100))
def test_hours_targets_are_real_hours_whatever_the_desk_zone(
    moment: datetime, desk_zone: ZoneInfo, complaint_zone: ZoneInfo, hours: int
) -> None:
    received = moment.astimezone(complaint_zone)
    desk, clock = make_desk(
        {"sla": {"targets": [{"first_response": f"{hours}h"}]}}, start=moment.astimezone(desk_zone)
    )
    case = desk.intake(complaint(at=received))
    due = case.clocks.metrics["first_response"].due_at
    assert due == moment + hours * H
    clock.advance(hours * H)  # at the deadline it is not yet breached
    desk.tick()
    assert "sla_breached" not in [e.kind for e in desk.history(case.id)]
    clock.advance(timedelta(seconds=1))
    desk.tick()
    assert "sla_breached" in [e.kind for e in desk.history(case.id)]


@SETTINGS
@given(NEAR_DST, ZONES, st.sampled_from(["Europe/London", "America/New_York"]), st.integers(1, 30))
# 01:59 on 2026-03-29 does not exist in London: the due wall time falls in the spring gap
@example(datetime(2026, 3, 8, 1, 59, tzinfo=UTC), ZoneInfo("UTC"), "Europe/London", 21)
def test_calendar_days_keep_the_wall_clock_time_of_the_calendar_zone(
    moment: datetime, desk_zone: ZoneInfo, calendar_zone: str, days: int
) -> None:
    document = {
        "calendars": {"local": {"timezone": calendar_zone, "hours": "24x7"}},
        "sla": {"calendar": "local", "targets": [{"resolution": f"{days} calendar days"}]},
    }
    desk, _ = make_desk(document, start=moment.astimezone(desk_zone))
    case = desk.intake(complaint(at=moment))
    due = case.clocks.metrics["resolution"].due_at
    zone = ZoneInfo(calendar_zone)
    wall = moment.astimezone(zone).replace(tzinfo=None) + timedelta(days=days)
    # compared as UTC instants: PEP 495 makes a wall time inside a DST gap unequal to every
    # instant of another zone; the gap's wall time counts with the offset before the change
    assert due == wall.replace(tzinfo=zone).astimezone(UTC)


@SETTINGS
@given(st.lists(st.tuples(st.integers(1, 600), st.integers(1, 600)), max_size=4))
def test_paused_time_moves_the_due_instant_by_exactly_the_pause(
    schedule: list[tuple[int, int]],
) -> None:
    """Oracle: on a 24x7 calendar the due instant is start + target + total paused time."""
    document = {"sla": {"targets": [{"resolution": "48h"}]}}
    desk, clock = make_desk(document)
    start = clock.now()
    case = desk.intake(complaint())
    desk.transition(case.id, "investigating", actor="li.na")
    paused = timedelta(0)
    for running, waiting in schedule:
        clock.advance(timedelta(minutes=running))
        desk.transition(case.id, "waiting_on_customer", actor="li.na")
        clock.advance(timedelta(minutes=waiting))
        case = desk.transition(case.id, "investigating", actor="li.na")
        paused += timedelta(minutes=waiting)
    due = desk.get(case.id).clocks.metrics["resolution"].due_at
    assert due == start + 48 * H + paused


LEVELS = st.lists(
    st.tuples(
        st.integers(1, 19).map(lambda n: n / 10),  # fraction of the budget, 0.1 to 1.9
        st.sampled_from(["raise", "tag", "guarded", "plain"]),
    ),
    min_size=1,
    max_size=5,
    unique_by=lambda level: level[0],
)


def _ladder(levels: list[tuple[float, str]]) -> dict[str, Any]:
    out = []
    for n, (fraction, kind) in enumerate(sorted(levels)):
        level: dict[str, Any] = {
            "name": f"l{n}",
            "trigger": {"sla": "resolution", "elapsed": fraction},
            "actions": [{"notify": {"role": "lead"}}],
        }
        if kind == "raise":
            level["actions"] = [{"raise_priority": "urgent"}]
        elif kind == "tag":
            level["actions"] = [{"add_tags": [f"t{n}"]}]
        elif kind == "guarded":
            level["when"] = {"field": "case.priority", "==": "urgent"}
        out.append(level)
    return {
        "sla": {"warnings": [0.5], "targets": [{"resolution": "10h"}]},
        "escalation": {"ladders": [{"name": "ladder", "levels": out}]},
    }


def _run(document: dict[str, Any], sweeps: list[timedelta]) -> list[tuple[str, Any, Any]]:
    desk, clock = make_desk(document)
    start = clock.now()
    case = desk.intake(complaint())
    for offset in sweeps:
        clock.set(start + offset)
        desk.tick()
    return [
        (e.kind, e.data.get("level") or e.data.get("metric"), e.data.get("due_at"))
        for e in desk.history(case.id)
        if e.kind in ("escalated", "escalation_skipped", "sla_warning", "sla_breached")
    ]


@SETTINGS
@given(LEVELS, st.integers(0, 10 * 60))
def test_one_late_sweep_fires_what_sweeps_every_15_minutes_fire(
    levels: list[tuple[float, str]], late: int
) -> None:
    """Oracle: sweeping every 15 minutes for 20 hours; one sweep at 20 h (+ ``late`` minutes)
    must fire the same levels, skip the same ones, and record the same due instants."""
    document = _ladder(levels)
    often = _run(document, [timedelta(minutes=15 * n) for n in range(1, 81)])
    once = _run(document, [timedelta(hours=20, minutes=late)])
    assert once == often
