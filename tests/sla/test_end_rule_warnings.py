"""Warnings count back from the due instant the end rule gives (24:00 of the last day),
not from the instant the period ran out before the rule."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st
from sla_helpers import complaint, make_desk

from complaintkit.model.complaint import parse_instant

EASTERN = ZoneInfo("America/New_York")


def cfpb(warnings: list[Any]) -> dict[str, Any]:
    return {
        "calendars": {"eastern": {"timezone": "America/New_York", "hours": "24x7"}},
        "sla": {
            "calendar": "eastern",
            "warnings": warnings,
            "targets": [
                {
                    "first_response": {
                        "within": "15 calendar days",
                        "from": "complaint.attributes.date_sent_to_company",
                        "ends": "end_of_day",
                        "pause_in": [],
                    }
                }
            ],
        },
    }


def warning_instants(warnings: list[Any], sent: str) -> tuple[datetime, list[datetime]]:
    start = datetime(2026, 3, 2, 9, tzinfo=UTC)
    desk, clock = make_desk(cfpb(warnings), start=start)
    case = desk.intake(complaint(at=start, date_sent_to_company=sent))
    due = case.clocks.metrics["first_response"].due_at
    assert due is not None
    clock.set(due + timedelta(days=2))
    desk.tick()
    fired = [
        parse_instant(e.data["due_at"], "due_at")
        for e in desk.history(case.id)
        if e.kind == "sla_warning"
    ]
    return due, fired


def test_hours_before_count_back_from_the_end_of_the_last_day() -> None:
    due, (warned,) = warning_instants(["2 hours before"], "2026-03-02")
    assert due == datetime(2026, 3, 18, tzinfo=EASTERN)
    assert warned == due - timedelta(hours=2)


@settings(max_examples=25, deadline=None)
@given(day=st.integers(min_value=0, max_value=60), hours=st.integers(min_value=1, max_value=48))
def test_an_offset_warning_falls_that_long_before_the_due_instant(day: int, hours: int) -> None:
    sent = (date(2026, 1, 1) + timedelta(days=day)).isoformat()
    due, (warned,) = warning_instants([f"{hours} hours before"], sent)
    assert warned == due - timedelta(hours=hours)


def test_a_half_way_warning_is_half_way_to_the_due_instant() -> None:
    due, (warned,) = warning_instants([0.5], "2026-03-02")
    start = datetime(2026, 3, 2, tzinfo=EASTERN)
    assert warned - start == (due - start) / 2


SHANGHAI = ZoneInfo("Asia/Shanghai")


@settings(max_examples=25, deadline=None)
@given(
    paused=st.integers(min_value=0, max_value=10 * 24 * 60),
    waited=st.integers(min_value=1, max_value=3 * 24 * 60),
    hours=st.integers(min_value=1, max_value=48),
)
def test_an_offset_warning_stays_that_long_before_the_due_instant_after_a_pause(
    paused: int, waited: int, hours: int
) -> None:
    """A wait shorter than the rest of the last day leaves 15日's 24:00 where it was; the
    warning stays before it (a six-hour wait moved '2 hours before' to 04:00 the next day,
    after the breach)."""
    document = {
        "calendars": {"cn": {"timezone": "Asia/Shanghai", "hours": "24x7"}},
        "sla": {
            "calendar": "cn",
            "warnings": [f"{hours} hours before"],
            "targets": [
                {
                    "resolution": {
                        "within": "15日",
                        "ends": "end_of_day",
                        "pause_in": ["waiting_on_customer"],
                    }
                }
            ],
        },
    }
    received = datetime(2026, 3, 2, 10, tzinfo=SHANGHAI)
    desk, clock = make_desk(document, start=received)
    case = desk.intake(complaint(at=received))
    clock.set(received + timedelta(minutes=paused))
    desk.transition(case.id, "investigating", actor="a")
    desk.transition(case.id, "waiting_on_customer", actor="a")
    clock.set(received + timedelta(minutes=paused + waited))
    desk.transition(case.id, "investigating", actor="a")
    due = desk.get(case.id).clocks.metrics["resolution"].due_at
    assert due is not None
    clock.set(due + timedelta(days=2))
    desk.tick()
    (warned,) = [
        parse_instant(e.data["due_at"], "due_at")
        for e in desk.history(case.id)
        if e.kind == "sla_warning"
    ]
    assert warned == due - timedelta(hours=hours)
