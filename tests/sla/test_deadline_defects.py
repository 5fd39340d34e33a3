"""Deadlines the engine got wrong around real cases, one regression test each (issue 13)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sla_helpers import OFFICE, complaint, make_desk

from complaintkit.clock import ManualClock
from complaintkit.model.case import Case
from complaintkit.model.complaint import parse_instant
from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.durations import parse_duration

H = timedelta(hours=1)
LONDON = ZoneInfo("Europe/London")
SHANGHAI = ZoneInfo("Asia/Shanghai")
UK_OFFICE = {"timezone": "Europe/London", "hours": {"mon-fri": ["09:00-12:00", "13:30-18:00"]}}


def due(case: Case, metric: str) -> datetime:
    due = case.clocks.metrics[metric].due_at
    assert due is not None
    return due


def kinds(desk: Any, case: Case, kind: str) -> list[Any]:
    return [e for e in desk.history(case.id) if e.kind == kind]


# 1 ---------------------------------------------------------------------------------------


def test_desk_clock_in_a_local_zone_keeps_72h_exact_across_the_spring_change() -> None:
    start = datetime(2026, 3, 27, 10, tzinfo=LONDON)
    desk, clock = make_desk({"sla": {"targets": [{"first_response": "72h"}]}}, start=start)
    case = desk.intake(complaint(at=start))
    assert due(case, "first_response") == datetime(2026, 3, 30, 10, tzinfo=UTC)
    clock.advance(72 * H)
    desk.tick()
    assert not kinds(desk, case, "sla_breached")
    clock.advance(timedelta(seconds=1))
    desk.tick()
    (breach,) = kinds(desk, case, "sla_breached")
    assert parse_instant(breach.data["due_at"], "due_at") == datetime(2026, 3, 30, 10, tzinfo=UTC)


def test_desk_clock_in_a_local_zone_keeps_72h_exact_across_the_autumn_change() -> None:
    start = datetime(2026, 10, 23, 10, tzinfo=LONDON)  # BST; clocks go back on 25 Oct
    desk, _ = make_desk({"sla": {"targets": [{"first_response": "72h"}]}}, start=start)
    case = desk.intake(complaint(at=start))
    assert due(case, "first_response") == datetime(2026, 10, 26, 9, tzinfo=UTC)


def test_manual_clock_advances_real_time_in_a_local_zone() -> None:
    clock = ManualClock(datetime(2026, 3, 28, 12, tzinfo=LONDON))
    assert clock.advance(24 * H) == datetime(2026, 3, 29, 12, tzinfo=UTC)


# 2 ---------------------------------------------------------------------------------------


def test_cn_calendar_works_the_make_up_days_the_holidays_package_knows() -> None:
    samr = BusinessCalendar.from_mapping(
        {
            "timezone": "Asia/Shanghai",
            "hours": {"mon-fri": ["09:00-17:00"]},
            "holiday_country": "CN",
        }
    )
    received = datetime(2024, 9, 27, 10, tzinfo=SHANGHAI)
    assert samr.add_business_days(received, 7).date() == date(2024, 10, 12)
    assert samr.is_working(datetime(2024, 9, 29, 10, tzinfo=SHANGHAI))  # a Sunday, worked


# 3 ---------------------------------------------------------------------------------------


def test_clocks_start_when_the_complaint_was_received_not_at_intake() -> None:
    received = datetime(2024, 9, 27, 10, tzinfo=SHANGHAI)
    document = {
        "calendars": {"samr": {**OFFICE, "holiday_country": "CN"}},
        "sla": {"calendar": "samr", "targets": [{"resolution": "7 business days"}]},
    }
    desk, _ = make_desk(document, start=datetime(2024, 9, 30, 9, tzinfo=SHANGHAI))
    case = desk.intake(complaint(at=received))
    assert due(case, "resolution") == datetime(2024, 10, 12, 18, tzinfo=SHANGHAI)
    assert case.clocks.metrics["resolution"].started_at == received


# 4 ---------------------------------------------------------------------------------------

DEPENDENT = {
    "sla": {"warnings": [], "targets": [{"resolution": "100h"}]},
    "escalation": {
        "ladders": [
            {
                "name": "ladder",
                "levels": [
                    {
                        "name": "urgent",
                        "trigger": {"sla": "resolution", "elapsed": 0.5},
                        "actions": [{"raise_priority": "urgent"}],
                    },
                    {
                        "name": "director",
                        "trigger": {"sla": "resolution", "elapsed": 0.8},
                        "when": {"field": "case.priority", "==": "urgent"},
                        "actions": [{"notify": {"role": "director"}}],
                    },
                ],
            }
        ]
    },
}


def test_one_late_sweep_fires_a_level_that_depends_on_an_earlier_one() -> None:
    desk, clock = make_desk(DEPENDENT)
    case = desk.intake(complaint())
    clock.advance(90 * H)
    desk.tick()
    fired = [e.data["level"] for e in kinds(desk, case, "escalated")]
    assert fired == ["urgent", "director"]


# 5 ---------------------------------------------------------------------------------------


def test_a_closed_case_is_not_escalated() -> None:
    document = {
        "calendars": {"office": OFFICE},
        "sla": {"calendar": "office", "targets": [{"first_response": "24h"}]},
        "escalation": {
            "ladders": [
                {
                    "name": "standard",
                    "levels": [
                        {
                            "name": "manager",
                            "trigger": {"since": "responded", "after": "2 business days"},
                            "actions": [
                                {"reassign": {"owner": "wang.fang"}},
                                {"add_tags": ["escalated"]},
                            ],
                        }
                    ],
                }
            ]
        },
    }
    desk, clock = make_desk(document)
    case = desk.intake(complaint())
    desk.respond(case.id, "已收到", actor="li.na")
    desk.transition(case.id, "investigating", actor="li.na")
    desk.resolve(case.id, "已退款", actor="li.na")
    case = desk.close(case.id, actor="li.na")
    assert case.next_deadline is None
    clock.advance(10 * 24 * H)
    desk.tick()
    case = desk.get(case.id)
    assert not kinds(desk, case, "escalated")
    assert (case.owner, case.tags) == ("li.na", ())


def test_a_withdrawn_case_is_not_escalated() -> None:
    document = {
        "sla": {"targets": [{"first_response": "24h"}]},
        "escalation": {
            "ladders": [
                {
                    "name": "standard",
                    "levels": [
                        {
                            "name": "late",
                            "trigger": {"since": "opened", "after": "24h"},
                            "actions": [{"add_tags": ["late"]}],
                        }
                    ],
                }
            ]
        },
    }
    desk, clock = make_desk(document)
    case = desk.intake(complaint())
    desk.transition(case.id, "withdrawn", actor="li.na")
    clock.advance(48 * H)
    desk.tick()
    assert not kinds(desk, case, "escalated")


# 6 ---------------------------------------------------------------------------------------


def test_rebase_keep_elapsed_counts_the_time_used_on_the_new_calendar() -> None:
    friday = datetime(2026, 3, 6, 17, tzinfo=SHANGHAI)
    v1 = {"sla": {"targets": [{"resolution": "24h"}]}}
    v2 = {
        "calendars": {"office": OFFICE},
        "sla": {
            "calendar": "office",
            "targets": [{"resolution": "16 business hours"}],
            "migrate": {"mode": "rebase_keep_elapsed"},
        },
    }
    desk, clock = make_desk(v1, start=friday, version="1")
    case = desk.intake(complaint(at=friday))
    clock.set(datetime(2026, 3, 9, 9, tzinfo=SHANGHAI))
    desk2, _ = make_desk(v2, start=clock.now(), storage=desk.storage, version="2")
    desk2.clock = clock
    case = desk2.note(case.id, "migrated", actor="li.na")
    # the 24 hours ran out on Saturday under version 1: missed, as a sweep then would have
    # recorded (test_migration_after_the_deadline); the re-based clock still counts 1 hour
    (breach,) = kinds(desk2, case, "sla_breached")
    assert breach.data["due_at"] == "2026-03-07T17:00:00+08:00"
    assert due(case, "resolution") == datetime(2026, 3, 10, 18, tzinfo=SHANGHAI)


# 7 ---------------------------------------------------------------------------------------


def test_a_night_calendar_keeps_its_business_days_when_intersected_with_24x7() -> None:
    night = BusinessCalendar.from_mapping(
        {"timezone": "Europe/London", "hours": {"mon-fri": ["22:00-06:00"]}}
    )
    both = night.intersect(BusinessCalendar.always("Europe/London"))
    friday_noon = datetime(2026, 5, 15, 12, tzinfo=LONDON)
    expected = datetime(2026, 5, 19, 6, tzinfo=LONDON)
    assert night.add_business_days(friday_noon, 1) == expected
    assert both.add_business_days(friday_noon, 1) == expected


# 8 ---------------------------------------------------------------------------------------


def test_zero_business_days_is_the_close_of_the_day_in_a_policy_too() -> None:
    document = {
        "calendars": {"office": OFFICE},
        "sla": {"calendar": "office", "targets": [{"first_response": "0 business days"}]},
    }
    desk, _ = make_desk(document)
    case = desk.intake(complaint())
    assert due(case, "first_response") == datetime(2026, 3, 2, 18, tzinfo=SHANGHAI)
    office = BusinessCalendar.from_mapping(OFFICE)
    start = datetime(2026, 3, 2, 9, tzinfo=SHANGHAI)
    assert office.deadline(start, parse_duration("0 business days")) == office.add_business_days(
        start, 0
    )


def test_policy_tests_count_8_weeks_the_way_the_engine_does(tmp_path: Any) -> None:
    from complaintkit.policytest.runner import Runner  # noqa: PLC0415 -- only this test

    policy = tmp_path / "fca.yaml"
    policy.write_text(
        """
complaintkit: 1
name: fca
version: "1"
categories: {banking: {label: Banking}}
severities: {minor: {label: Minor}}
priorities: {normal: {label: Normal}}
teams: {desk: {label: Desk, default_owner: jo}}
classification:
  rules: []
  default: {category: banking, severity: minor, priority: normal}
routing: {rules: [], default: {team: desk}}
calendars:
  london: {timezone: Europe/London, hours: "24x7"}
sla:
  calendar: london
  targets:
    - {resolution: 8 weeks}
""",
        encoding="utf-8",
    )
    tests = tmp_path / "fca.tests.yaml"
    tests.write_text(
        """
received_at: "2025-03-03T10:00:00+00:00"
tests:
  - name: eight weeks across the spring change
    complaint: {text: my card payment was taken twice}
    expect: {deadlines: {resolution: 8 weeks}}
""",
        encoding="utf-8",
    )
    (result,) = Runner().run_file(tests)
    assert result.passed, json.dumps(result.to_json())


# 9 ---------------------------------------------------------------------------------------


def test_a_response_exactly_at_the_deadline_is_met() -> None:
    desk, clock = make_desk({"sla": {"targets": [{"first_response": "24h"}]}})
    case = desk.intake(complaint())
    clock.advance(24 * H)
    case = desk.respond(case.id, "您好", actor="li.na")
    assert case.clocks.metrics["first_response"].outcome == "met"
    assert not kinds(desk, case, "sla_breached")


# 10 --------------------------------------------------------------------------------------

HOLDING = {
    "calendars": {"uk": UK_OFFICE},
    "sla": {"calendar": "uk", "warnings": [], "targets": [{"first_response": "24h"}]},
    "escalation": {
        "ladders": [
            {
                "name": "psd2",
                "levels": [
                    {
                        "name": "referral_15",
                        "trigger": {"since": "opened", "after": "15 business days"},
                        "when": {"field": "case.status", "!=": "resolution_proposed"},
                        "actions": [{"notify": {"role": "complaints_lead"}}],
                    },
                    {
                        "name": "referral_35",
                        "trigger": {"since": "opened", "after": "35 business days"},
                        "actions": [{"notify": {"role": "complaints_lead"}}],
                    },
                ],
            }
        ]
    },
}


def test_a_guarded_level_is_judged_when_it_falls_due_not_later() -> None:
    opened = datetime(2026, 3, 2, 10, tzinfo=LONDON)  # day 15 closes Mon 23 March
    desk, clock = make_desk(HOLDING, start=opened)
    case = desk.intake(complaint(at=opened))
    clock.set(datetime(2026, 3, 16, 10, tzinfo=LONDON))
    desk.transition(case.id, "investigating", actor="jo")
    desk.transition(case.id, "resolution_proposed", actor="jo", reason="holding reply")
    for day in range(17, 31):
        clock.set(datetime(2026, 3, day, 20, tzinfo=LONDON))
        desk.tick()
    clock.set(datetime(2026, 3, 31, 10, tzinfo=LONDON))
    desk.transition(case.id, "investigating", actor="jo")
    clock.set(datetime(2026, 4, 1, 10, tzinfo=LONDON))
    desk.tick()
    assert not kinds(desk, case, "escalated")
    clock.set(datetime(2026, 5, 1, 10, tzinfo=LONDON))
    desk.tick()
    assert [e.data["level"] for e in kinds(desk, case, "escalated")] == ["referral_35"]


def test_a_guarded_level_due_before_a_change_is_judged_on_the_case_before_it() -> None:
    opened = datetime(2026, 3, 2, 10, tzinfo=LONDON)
    desk, clock = make_desk(HOLDING, start=opened)
    case = desk.intake(complaint(at=opened))
    clock.set(datetime(2026, 3, 16, 10, tzinfo=LONDON))
    desk.transition(case.id, "investigating", actor="jo")
    desk.transition(case.id, "resolution_proposed", actor="jo", reason="holding reply")
    clock.set(datetime(2026, 3, 31, 10, tzinfo=LONDON))  # no sweep ran meanwhile
    desk.transition(case.id, "investigating", actor="jo")
    assert not kinds(desk, case, "escalated")
