"""What ``explain`` prints for people: business budgets in business hours, and instants in
the calendar's zone at that instant (the stored instants keep their start's offset)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sla_helpers import complaint, make_desk

from complaintkit.sla.explain import explain_deadlines, render_deadlines

NEW_YORK = ZoneInfo("America/New_York")
EASTERN = {"timezone": "America/New_York", "hours": {"mon-fri": ["09:00-17:00"]}}


def test_business_budgets_are_shown_in_business_hours() -> None:
    document = {
        "calendars": {"eastern": EASTERN},
        "sla": {
            "calendar": "eastern",
            "warnings": [],
            "targets": [{"first_response": "80 business hours", "resolution": "10 business days"}],
        },
    }
    monday = datetime(2026, 3, 2, 9, tzinfo=NEW_YORK)
    desk, clock = make_desk(document, start=monday)
    case = desk.intake(complaint(at=monday))
    clock.advance(timedelta(hours=2, minutes=30))
    assert desk.sla is not None
    report = explain_deadlines(case, desk.sla, clock.now())
    metrics = {m["metric"]: m for m in report["metrics"]}
    assert metrics["first_response"]["budget"] == "80 business hours"
    assert metrics["first_response"]["used"] == "2 business hours 30 minutes"
    # Monday and 10 days, said as written: days alone would read as calendar days
    assert metrics["resolution"]["budget"] == "10 working days (88 business hours)"
    assert "used 2 business hours 30 minutes of 80 business hours" in render_deadlines(report)[0]


def test_deadlines_are_shown_in_the_calendars_zone_across_dst() -> None:
    document = {
        "calendars": {"eastern": {"timezone": "America/New_York", "hours": "24x7"}},
        "sla": {
            "calendar": "eastern",
            "warnings": [],
            "targets": [{"resolution": {"within": "10 days", "ends": "end_of_day"}}],
        },
    }
    received = datetime(2026, 3, 7, 10, tzinfo=NEW_YORK)  # EST; DST starts on 8 March
    desk, _ = make_desk(document, start=received)
    case = desk.intake(complaint(at=received))
    assert desk.sla is not None
    report = explain_deadlines(case, desk.sla, received)
    [metric] = report["metrics"]
    assert metric["due_at"] == "2026-03-17T23:00:00-05:00"  # the stored instant, as stored
    text = "\n".join(render_deadlines(report))
    assert "due 2026-03-18T00:00:00-04:00" in text
    assert "2026-03-18T00:00:00-04:00 before pauses" in text
    assert "-05:00" in text  # the start, before DST, keeps its own offset
    assert "2026-03-17T23:00:00-05:00" not in text


def test_the_next_opening_in_a_start_reason_is_in_the_calendars_zone() -> None:
    document = {
        "calendars": {"eastern": EASTERN},
        "sla": {
            "calendar": "eastern",
            "targets": [
                {"resolution": {"within": "1 business days", "after_hours": "next_opening"}}
            ],
        },
    }
    friday_evening = datetime(2026, 3, 6, 19, tzinfo=NEW_YORK)  # EST; DST starts on 8 March
    desk, _ = make_desk(document, start=friday_evening)
    state = desk.intake(complaint(at=friday_evening)).clocks.metrics["resolution"]
    assert state.started_at == datetime(2026, 3, 9, 9, tzinfo=NEW_YORK)
    assert "next opening 2026-03-09T09:00:00-04:00" in (state.start_reason or "")


def test_the_day_a_deadline_rolls_to_is_its_last_day_not_a_skipped_one() -> None:
    document = {
        "calendars": {
            "cn": {
                "timezone": "Asia/Shanghai",
                "hours": {"mon-fri": ["09:00-17:30"]},
                "holiday_country": "CN",
            }
        },
        "sla": {
            "calendar": "cn",
            "warnings": [],
            "targets": [
                {
                    "resolution": {
                        "within": "15日",
                        "ends": "end_of_day",
                        "roll": "next_business_day",
                    }
                }
            ],
        },
    }
    received = datetime(2026, 9, 16, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    desk, _ = make_desk(document, start=received)
    case = desk.intake(complaint(at=received))
    assert desk.sla is not None
    lines = render_deadlines(explain_deadlines(case, desk.sla, received))
    # day 15 is 1 October (国庆); 2-7 October are off, so the period ends on the 8th
    assert "    days: 15 counted, 6 skipped" in lines
    assert "      last day 2026-10-08: rolled forward to the next business day" in lines
    assert not any("skipped 2026-10-08" in line for line in lines)


def test_calendar_budgets_are_shown_as_written_not_python_time() -> None:
    document = {
        "sla": {
            "warnings": [],
            "targets": [{"first_response": "36h", "resolution": "15 days"}],
        },
    }
    start = datetime(2026, 3, 2, 9, tzinfo=NEW_YORK)
    desk, clock = make_desk(document, start=start)
    case = desk.intake(complaint(at=start))
    assert desk.sla is not None
    metrics = {m["metric"]: m for m in explain_deadlines(case, desk.sla, start)["metrics"]}
    assert metrics["resolution"]["budget"] == "15 days"
    assert metrics["resolution"]["used"] == "0 minutes"
    assert metrics["first_response"]["budget"] == "36 hours"  # 36h, not "1 day 12 hours"
    clock.advance(timedelta(days=1, hours=1, seconds=5, microseconds=7))
    metrics = {m["metric"]: m for m in explain_deadlines(case, desk.sla, clock.now())["metrics"]}
    assert metrics["first_response"]["used"] == "25 hours 5 seconds"


def test_a_deadline_counted_into_a_provisional_year_says_it_may_move() -> None:
    shanghai = ZoneInfo("Asia/Shanghai")
    cn = {
        "timezone": "Asia/Shanghai",
        "hours": {"mon-fri": ["09:00-17:00"]},
        "holiday_country": "CN",
    }
    document = {
        "calendars": {"cn": cn},
        "sla": {"calendar": "cn", "targets": [{"resolution": "15个工作日"}]},
    }
    received = datetime(2026, 12, 21, 10, tzinfo=shanghai)
    desk, clock = make_desk(document, start=received)
    case = desk.intake(complaint(at=received))
    assert desk.sla is not None
    lines = render_deadlines(explain_deadlines(case, desk.sla, clock.now()))
    assert "    holiday data for 2027 is provisional: the deadline may move" in "\n".join(lines)


def test_a_target_is_described_in_the_units_it_was_written_in() -> None:
    """48\u5c0f\u65f6 (48 hours) is not "2 days", which reads as calendar days; 3\u4e2a\u5de5\u4f5c\u65e5
    (3 working days) says working days; business hours stay business hours."""
    shanghai = ZoneInfo("Asia/Shanghai")
    document = {
        "calendars": {
            "office": {"timezone": "Asia/Shanghai", "hours": {"mon-fri": ["09:00-18:00"]}}
        },
        "sla": {
            "calendar": "office",
            "warnings": [],
            "metrics": {"callback": {"start": ["opened"], "stop": ["responded"]}},
            "targets": [
                {
                    "first_response": "48\u5c0f\u65f6",
                    "resolution": "3\u4e2a\u5de5\u4f5c\u65e5",
                    "callback": "24 business hours",
                }
            ],
        },
    }
    monday = datetime(2026, 3, 2, 10, tzinfo=shanghai)
    desk, clock = make_desk(document, start=monday)
    case = desk.intake(complaint(at=monday))
    clock.advance(timedelta(hours=26))
    assert desk.sla is not None
    report = explain_deadlines(case, desk.sla, clock.now())
    metrics = {m["metric"]: m for m in report["metrics"]}
    assert metrics["first_response"]["budget"] == "48 hours"
    assert metrics["first_response"]["used"] == "26 hours"
    assert metrics["resolution"]["budget"] == "3 working days (35 business hours)"
    assert metrics["resolution"]["used"] == "11 business hours"  # Mon 10-18, Tue 9-12
    assert metrics["callback"]["budget"] == "24 business hours"
    lines = render_deadlines(report)
    assert any("used 26 hours of 48 hours" in line for line in lines)
    assert not any("days" in m["budget"] and "working" not in m["budget"] for m in metrics.values())


def test_calendar_days_ending_exactly_do_not_say_they_may_move() -> None:
    """15 days from 21 December end on 5 January whatever 2027's holidays are; a last day
    rolled forward past a day off does depend on them."""
    shanghai = ZoneInfo("Asia/Shanghai")
    cn = {
        "timezone": "Asia/Shanghai",
        "hours": {"mon-fri": ["09:00-17:00"]},
        "holiday_country": "CN",
    }
    rolled = {"within": "15日", "roll": "next_business_day"}
    document = {
        "calendars": {"cn": cn},
        "sla": {"calendar": "cn", "targets": [{"resolution": "15日", "first_response": rolled}]},
    }
    received = datetime(2026, 12, 21, 10, tzinfo=shanghai)
    desk, clock = make_desk(document, start=received)
    case = desk.intake(complaint(at=received))
    assert desk.sla is not None
    lines = render_deadlines(explain_deadlines(case, desk.sla, clock.now()))
    notes = [line for line in lines if "holiday data for 2027" in line]
    assert len(notes) == 1  # the rolled one's
    metric_lines = [line for line in lines[: lines.index(notes[0])] if not line.startswith(" ")]
    assert metric_lines[-1].startswith("first_response:")
