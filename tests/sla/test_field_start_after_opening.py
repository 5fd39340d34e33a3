"""A target's ``from`` field says when the complaint's period began (the CFPB's date sent
to the company), which is where the clock opened with the case starts. A clock that a
later signal starts afresh — a new cycle or a restart on reopening, a restart on each
update — has a fresh budget from that signal: counted from the old date it would be born
overdue, its breach recorded months before the event that started it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sla_helpers import complaint, make_desk

from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.durations import parse_duration

EASTERN = ZoneInfo("America/New_York")
RECEIVED = datetime(2026, 3, 10, 10, tzinfo=EASTERN)
SENT = "2026-03-09"


def _days(within: str) -> dict[str, Any]:
    return {
        "within": within,
        "from": "complaint.attributes.date_sent_to_company",
        "ends": "end_of_day",
        "pause_in": [],
    }


POLICY: dict[str, Any] = {
    "calendars": {"eastern": {"timezone": "America/New_York", "hours": "24x7"}},
    "sla": {
        "calendar": "eastern",
        "warnings": [],
        "metrics": {"resolution": {"reopen": "restart"}},
        "targets": [
            {
                "first_response": _days("15 calendar days"),
                "next_update": _days("5 calendar days"),
                "resolution": _days("60 calendar days"),
            }
        ],
    },
}


def _end_of_day(start: datetime, within: str) -> datetime:
    """24:00 Eastern of the period's last day, counted by hand from ``start``'s date."""
    last = start.astimezone(EASTERN).date() + timedelta(days=parse_duration(within).days)
    return datetime.combine(last + timedelta(days=1), datetime.min.time(), EASTERN)


def test_the_clocks_opened_with_the_case_count_from_the_date_sent() -> None:
    desk, _ = make_desk(POLICY, start=RECEIVED)
    case = desk.intake(complaint(at=RECEIVED, date_sent_to_company=SENT))
    sent = datetime(2026, 3, 9, tzinfo=EASTERN)
    state = case.clocks.metrics["first_response"]
    assert (state.started_at, state.due_at) == (sent, _end_of_day(sent, "15 days"))


def test_a_reopened_case_gets_fresh_periods_from_the_reopening() -> None:
    desk, clock = make_desk(POLICY, start=RECEIVED)
    case_id = desk.intake(complaint(at=RECEIVED, date_sent_to_company=SENT)).id
    clock.set(datetime(2026, 3, 11, 10, tzinfo=EASTERN))
    desk.respond(case_id, "We are looking into it", actor="li.na")
    clock.set(datetime(2026, 3, 12, 10, tzinfo=EASTERN))
    desk.resolve(case_id, "Corrected", actor="li.na")
    reopened = datetime(2026, 6, 1, 10, tzinfo=EASTERN)
    clock.set(reopened)
    case = desk.reopen(case_id, actor="li.na", reason="still wrong")
    for metric, within in (("first_response", "15 days"), ("resolution", "60 days")):
        state = case.clocks.metrics[metric]
        assert (metric, state.started_at, state.due_at) == (
            metric,
            reopened,
            _end_of_day(reopened, within),
        )
    clock.set(reopened + timedelta(days=1))
    desk.tick()
    assert not [e for e in desk.history(case_id) if e.kind == "sla_breached"]


def test_each_update_restarts_its_period_from_the_update() -> None:
    desk, clock = make_desk(POLICY, start=RECEIVED)
    case_id = desk.intake(complaint(at=RECEIVED, date_sent_to_company=SENT)).id
    clock.set(datetime(2026, 3, 11, 10, tzinfo=EASTERN))
    desk.respond(case_id, "We are looking into it", actor="li.na")
    second = datetime(2026, 4, 20, 10, tzinfo=EASTERN)
    clock.set(second)
    state = desk.respond(case_id, "Still on it", actor="li.na").clocks.metrics["next_update"]
    assert (state.started_at, state.due_at) == (second, _end_of_day(second, "5 days"))


def test_a_restarted_clock_still_counts_from_the_next_opening() -> None:
    office = {"timezone": "Europe/London", "hours": {"mon-fri": ["09:00-17:00"]}}
    policy = {
        "calendars": {"office": office},
        "sla": {
            "calendar": "office",
            "warnings": [],
            "metrics": {"resolution": {"reopen": "restart"}},
            "targets": [
                {
                    "resolution": {
                        "within": "8 business hours",
                        "after_hours": "next_opening",
                        "from": "complaint.attributes.date_sent_to_company",
                    }
                }
            ],
        },
    }
    start = datetime(2026, 3, 10, 10, tzinfo=UTC)
    desk, clock = make_desk(policy, start=start)
    case_id = desk.intake(complaint(at=start, date_sent_to_company=SENT)).id
    desk.respond(case_id, "We are looking into it", actor="li.na")
    desk.resolve(case_id, "Corrected", actor="li.na")
    reopened = datetime(2026, 3, 13, 20, tzinfo=UTC)  # Friday evening
    clock.set(reopened)
    state = desk.reopen(case_id, actor="li.na", reason="again").clocks.metrics["resolution"]
    monday = datetime(2026, 3, 16, 9, tzinfo=UTC)
    calendar = BusinessCalendar.from_mapping(office)
    assert (state.started_at, state.due_at) == (monday, calendar.add(monday, timedelta(hours=8)))
