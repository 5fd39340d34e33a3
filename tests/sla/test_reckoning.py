"""Regulatory time semantics: units, end rules, roll-forward, receipt after hours, starts
from a field, calendars chosen by a field, extensions, pauses per target row."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sla_helpers import complaint, make_desk

from complaintkit.errors import InvalidInput
from complaintkit.model.case import Case
from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.durations import Duration, parse_duration
from complaintkit.sla.reckoning import Rules, days_counted, finish

SHANGHAI = ZoneInfo("Asia/Shanghai")
LONDON = ZoneInfo("Europe/London")
CN_OFFICE = {
    "timezone": "Asia/Shanghai",
    "hours": {"mon-fri": ["09:00-12:00", "13:30-17:30"]},
    "holiday_country": "CN",
}


def due(case: Case, metric: str) -> datetime:
    due = case.clocks.metrics[metric].due_at
    assert due is not None
    return due


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7个工作日", Duration(days=7, business=True)),
        ("24小时", Duration(time=timedelta(hours=24))),
        ("2个月", Duration(months=2)),
        ("15日", Duration(days=15)),
        ("15天", Duration(days=15)),
        ("30分钟", Duration(time=timedelta(minutes=30))),
        ("1年", Duration(months=12)),
        ("15 calendar days", Duration(days=15)),
        ("2 months", Duration(months=2)),
        ("1 year", Duration(months=12)),
        ("P1M", Duration(months=1)),
        ("0 business days", Duration(business=True, in_days=True)),
    ],
)
def test_regulatory_units(text: str, expected: Duration) -> None:
    assert parse_duration(text) == expected


def test_a_month_ends_on_the_last_day_when_the_month_is_short() -> None:
    """民法典 art. 202: 没有对应日的,月末日为期间的最后一日."""
    calendar = BusinessCalendar.always("Asia/Shanghai")
    start = datetime(2026, 1, 31, 10, tzinfo=SHANGHAI)
    assert calendar.deadline(start, parse_duration("1个月")) == datetime(
        2026, 2, 28, 10, tzinfo=SHANGHAI
    )
    assert calendar.deadline(start, parse_duration("2 months")) == datetime(
        2026, 3, 31, 10, tzinfo=SHANGHAI
    )


def test_end_of_day_is_24_00_of_the_last_day_in_the_calendar_zone() -> None:
    calendar = BusinessCalendar.always("Europe/London")
    raw = calendar.deadline(datetime(2025, 3, 3, 10, tzinfo=UTC), parse_duration("8 weeks"))
    assert finish(Rules(end="end_of_day"), calendar, raw) == datetime(2025, 4, 28, 23, tzinfo=UTC)


def test_a_close_just_after_the_spring_jump_ends_the_day_whose_shift_it_is() -> None:
    """Saturday's 20:00-02:00 shift in London closes at 02:00 BST on the Sunday the clocks
    go forward; end_of_day of 0 business days is that close, given in any zone (a
    Europe/London instant read the microsecond before it as 01:59:59 GMT, an hour later,
    and ended the period at 24:00 on Sunday)."""
    calendar = BusinessCalendar(LONDON, {"mon-sat": ["08:00-12:00", "20:00-02:00"]})
    close = datetime(2025, 3, 30, 2, tzinfo=LONDON)
    rules = Rules(end="end_of_day", closes=True)
    for written in (close, close.astimezone(UTC)):
        assert finish(rules, calendar, written).astimezone(UTC) == close.astimezone(UTC)


def test_a_last_day_on_a_holiday_rolls_to_the_next_working_day() -> None:
    """民法典 art. 203: 期间的最后一日是法定休假日的,以法定休假日结束的次日为期间的最后一日."""
    calendar = BusinessCalendar.from_mapping(CN_OFFICE)
    start = datetime(2026, 9, 16, 10, tzinfo=SHANGHAI)
    raw = calendar.deadline(start, parse_duration("15日"))  # 1 October: 国庆
    assert raw.date() == date(2026, 10, 1)
    rolled = finish(Rules(end="end_of_day", roll=True), calendar, raw)
    assert rolled == datetime(2026, 10, 9, tzinfo=SHANGHAI)  # 24:00 on Thursday 8 October
    closing = finish(Rules(end="close_of_business", roll=True), calendar, raw)
    assert closing == datetime(2026, 10, 8, 17, 30, tzinfo=SHANGHAI)


def test_days_counted_name_the_holidays_and_make_up_days() -> None:
    calendar = BusinessCalendar.from_mapping(CN_OFFICE)
    start = datetime(2024, 9, 27, 10, tzinfo=SHANGHAI)
    duration = parse_duration("7个工作日")
    end = calendar.deadline(start, duration)
    rows = {row["date"]: row for row in days_counted(calendar, duration, start, end, end)}
    assert rows["2024-09-29"] == {
        "date": "2024-09-29",
        "count": 1,
        "why": "make-up working day (调休)",
    }
    assert rows["2024-10-01"]["count"] is None
    assert rows["2024-10-01"]["why"].startswith("holiday: National Day")
    assert rows["2024-10-12"]["count"] == 7


def _policy(target: dict[str, Any], calendars: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "calendars": calendars or {"cn": CN_OFFICE},
        "sla": {"calendar": next(iter(calendars or {"cn": 0})), "targets": [target]},
    }


def test_receipt_after_hours_counts_from_the_next_opening() -> None:
    document = _policy({"resolution": {"within": "1 business days", "after_hours": "next_opening"}})
    friday_evening = datetime(2026, 3, 6, 19, tzinfo=SHANGHAI)
    desk, _ = make_desk(document, start=friday_evening)
    case = desk.intake(complaint(at=friday_evening))
    state = case.clocks.metrics["resolution"]
    assert state.started_at == datetime(2026, 3, 9, 9, tzinfo=SHANGHAI)
    assert "next opening" in (state.start_reason or "")
    assert due(case, "resolution") == datetime(2026, 3, 10, 17, 30, tzinfo=SHANGHAI)


def test_a_clock_may_start_from_a_date_in_the_complaint() -> None:
    document = _policy(
        {
            "first_response": {
                "within": "15 calendar days",
                "from": "complaint.attributes.sent",
                "ends": "end_of_day",
            }
        },
        {"eastern": {"timezone": "America/New_York", "hours": "24x7"}},
    )
    received = datetime(2019, 9, 30, 12, tzinfo=UTC)
    desk, _ = make_desk(document, start=received)
    case = desk.intake(complaint(at=received, sent="2019-09-24"))
    assert due(case, "first_response") == datetime(2019, 10, 10, 4, tzinfo=UTC)
    assert (
        case.clocks.metrics["first_response"].start_reason
        == "complaint.attributes.sent = 2019-09-24"
    )


@pytest.mark.parametrize(
    "sent", ["9999-12-31", "0001-01-01", "9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+14:00"]
)
def test_a_start_field_in_a_year_no_complaint_has_counts_from_receipt(sent: str) -> None:
    """A date no complaint can carry (received years are 1900 to 2199) is unreadable as a
    start, as a missing one is: the period counts from receipt instead of failing intake."""
    document = _policy(
        {"first_response": {"within": "15 calendar days", "from": "complaint.attributes.sent"}},
        {"eastern": {"timezone": "America/New_York", "hours": "24x7"}},
    )
    received = datetime(2026, 3, 2, 12, tzinfo=UTC)
    desk, _ = make_desk(document, start=received)
    case = desk.intake(complaint(at=received, sent=sent))
    # 15 calendar days from Monday 2 March 07:00 EST: 07:00 EDT on Tuesday 17 March
    assert due(case, "first_response") == datetime(2026, 3, 17, 11, tzinfo=UTC)
    reason = case.clocks.metrics["first_response"].start_reason or ""
    assert reason.startswith("complaint.attributes.sent is missing or not a date")


def test_the_calendar_may_be_chosen_by_a_field() -> None:
    uk = {"timezone": "Europe/London", "hours": {"mon-fri": ["09:00-17:00"]}}
    calendars = {
        "ew": {**uk, "holiday_country": "GB", "holiday_subdivision": "ENG"},
        "scot": {**uk, "holiday_country": "GB", "holiday_subdivision": "SCT"},
    }
    document = {
        "calendars": calendars,
        "sla": {
            "calendar": "ew",
            "targets": [
                {
                    "calendar": {
                        "field": "complaint.attributes.where",
                        "map": {"scotland": "scot"},
                        "default": "ew",
                    },
                    "resolution": "5 business days",
                }
            ],
        },
    }
    monday = datetime(2026, 11, 23, 10, tzinfo=LONDON)
    desk, _ = make_desk(document, start=monday)
    scottish = desk.intake(complaint(1, at=monday, where="scotland"))
    english = desk.intake(complaint(2, at=monday, where="england"))
    assert due(scottish, "resolution") == datetime(2026, 12, 1, 17, tzinfo=LONDON)
    assert due(english, "resolution") == datetime(2026, 11, 30, 17, tzinfo=LONDON)
    assert (
        scottish.clocks.metrics["resolution"].calendar_reason
        == "complaint.attributes.where = scotland"
    )


def test_a_recorded_event_extends_a_running_clock() -> None:
    document = _policy(
        {
            "resolution": {
                "within": "7个工作日",
                "extend": [{"upon": "extended", "by": "15个工作日"}],
            }
        }
    )
    start = datetime(2026, 3, 2, 10, tzinfo=SHANGHAI)
    desk, clock = make_desk(document, start=start)
    case = desk.intake(complaint(at=start))
    clock.advance(timedelta(days=2))
    case = desk.record_event(case.id, "extended", actor="li.na", reason="特殊情况")
    assert due(case, "resolution") == datetime(2026, 4, 1, 17, 30, tzinfo=SHANGHAI)
    (event,) = [e for e in desk.history(case.id) if e.kind == "sla_extended"]
    assert event.data["clock"]["extended"][0]["upon"] == "extended"


def test_an_extension_into_a_provisional_year_records_it() -> None:
    extended = {"within": "3个工作日", "extend": [{"upon": "extended", "by": "15个工作日"}]}
    start = datetime(2026, 12, 14, 10, tzinfo=SHANGHAI)
    desk, clock = make_desk(_policy({"resolution": extended}), start=start)
    case = desk.intake(complaint(at=start))
    assert "provisional" not in (case.clocks.metrics["resolution"].holiday_data or "")
    clock.advance(timedelta(days=1))
    case = desk.record_event(case.id, "extended", actor="li.na", reason="特殊情况")
    assert (case.clocks.metrics["resolution"].holiday_data or "").endswith("; 2027 provisional")


def test_pause_statuses_may_differ_per_target_row() -> None:
    document = {
        "sla": {
            "targets": [
                {
                    "when": {"field": "case.priority", "==": "urgent"},
                    "resolution": {"within": "10h", "pause_in": []},
                },
                {"resolution": "10h"},
            ]
        }
    }
    desk, clock = make_desk(document)
    start = clock.now()
    urgent = desk.intake(complaint(1, priority="urgent"))
    normal = desk.intake(complaint(2))
    for case in (urgent, normal):
        desk.transition(case.id, "investigating", actor="li.na")
        desk.transition(case.id, "waiting_on_customer", actor="li.na")
    clock.advance(timedelta(hours=4))
    urgent = desk.transition(urgent.id, "investigating", actor="li.na")
    normal = desk.transition(normal.id, "investigating", actor="li.na")
    assert due(urgent, "resolution") == start + timedelta(hours=10)
    assert due(normal, "resolution") == start + timedelta(hours=14)


def test_each_deadline_records_the_holiday_data_it_was_computed_with() -> None:
    document = _policy({"resolution": "7个工作日"})
    desk, _ = make_desk(document)
    case = desk.intake(complaint())
    assert (case.clocks.metrics["resolution"].holiday_data or "").startswith("holidays ")
    always = make_desk({"sla": {"targets": [{"resolution": "2h"}]}})[0].intake(complaint())
    assert always.clocks.metrics["resolution"].holiday_data is None
    assert "holiday_data" not in always.clocks.metrics["resolution"].to_json()


def test_a_deadline_counted_into_a_provisional_year_records_it() -> None:
    """China's 2027 arrangement (调休) is not in the holiday data: the deadline may move."""
    december = datetime(2026, 12, 21, 10, tzinfo=SHANGHAI)
    desk, _ = make_desk(_policy({"resolution": "15个工作日"}), start=december)
    case = desk.intake(complaint(at=december))
    assert (case.clocks.metrics["resolution"].holiday_data or "").endswith("; 2027 provisional")
    early, _ = make_desk(_policy({"resolution": "3个工作日"}), start=december)
    assert "provisional" not in (
        early.intake(complaint(at=december)).clocks.metrics["resolution"].holiday_data
        or "provisional"
    )


def test_custom_event_kinds_are_checked() -> None:
    desk, _ = make_desk({"sla": {"targets": [{"resolution": "2h"}]}})
    case = desk.intake(complaint())
    with pytest.raises(InvalidInput) as taken:
        desk.record_event(case.id, "sla_breached", actor="li.na")
    assert taken.value.field == "event"
    with pytest.raises(InvalidInput) as malformed:
        desk.record_event(case.id, "Holding Reply", actor="li.na")
    assert malformed.value.field == "event"


def test_a_composed_calendar_names_its_holiday_data_and_closed_days() -> None:
    office = BusinessCalendar.from_mapping({"timezone": "Asia/Shanghai", "hours": "24x7"})
    public = BusinessCalendar.from_mapping(CN_OFFICE)
    both = office.intersect(public)
    assert both.data_version() == public.data_version()
    assert both.why_closed(date(2026, 10, 1)).startswith("holiday: National Day")
    assert both.why_open(date(2026, 10, 10)) == "make-up working day (调休)"
