"""Extensions: ``by`` counts from the deadline as it ends (after roll-forward), warnings
move with the longer period, and a policy migration keeps an extension already granted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sla_helpers import complaint, make_desk

from complaintkit.model.complaint import parse_instant
from complaintkit.storage.memory import MemoryStorage

SHANGHAI = ZoneInfo("Asia/Shanghai")
LONDON = ZoneInfo("Europe/London")
UK = {
    "timezone": "Europe/London",
    "hours": {"mon-fri": ["09:00-17:00"]},
    "holiday_country": "GB",
    "holiday_subdivision": "ENG",
}
PSD2: dict[str, Any] = {
    "calendars": {"uk": UK},
    "sla": {
        "calendar": "uk",
        "warnings": [0.8],
        "targets": [
            {
                "resolution": {
                    "within": "15 business days",
                    "ends": "end_of_day",
                    "pause_in": [],
                    "extend": [{"upon": "holding_reply", "to": "35 business days"}],
                }
            }
        ],
    },
}
RECEIVED = datetime(2026, 3, 2, 10, tzinfo=UTC)


def test_by_counts_from_the_rolled_last_day() -> None:
    document = {
        "calendars": {
            "cn": {
                "timezone": "Asia/Shanghai",
                "hours": {"mon-fri": ["09:00-12:00", "13:30-17:30"]},
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
                        "extend": [{"upon": "extension_approved", "by": "15日"}],
                    }
                }
            ],
        },
    }
    received = datetime(2026, 9, 16, 10, tzinfo=SHANGHAI)
    desk, clock = make_desk(document, start=received)
    case = desk.intake(complaint(at=received))
    assert case.clocks.metrics["resolution"].due_at == datetime(2026, 10, 9, tzinfo=SHANGHAI)
    clock.set(datetime(2026, 9, 20, 10, tzinfo=SHANGHAI))
    desk.record_event(case.id, "extension_approved", actor="a")
    extended = desk.get(case.id).clocks.metrics["resolution"]
    assert extended.due_at == datetime(2026, 10, 24, tzinfo=SHANGHAI)  # 23 October, 24:00


@pytest.mark.parametrize(
    ("hours", "closes", "extended"),
    [
        # every day is a business day and closes at 24:00: Tuesday, Wednesday, Thursday
        # end at Friday 00:00; two more are Friday and Saturday, ending Sunday 00:00
        ("24x7", datetime(2026, 6, 5, tzinfo=LONDON), datetime(2026, 6, 7, tzinfo=LONDON)),
        # the night shifts of Tuesday to Thursday; two more are Friday's and Monday's, and
        # Monday's shift closes at 06:00 on Tuesday 9 June
        (
            {"mon-fri": ["22:00-06:00"]},
            datetime(2026, 6, 5, 6, tzinfo=LONDON),
            datetime(2026, 6, 9, 6, tzinfo=LONDON),
        ),
        # Thursday's business closes at its 24:00; two more are Friday and Monday
        (
            {"mon-fri": ["09:00-24:00"]},
            datetime(2026, 6, 5, tzinfo=LONDON),
            datetime(2026, 6, 9, tzinfo=LONDON),
        ),
        (
            {"mon-fri": ["09:00-17:00"]},
            datetime(2026, 6, 4, 17, tzinfo=LONDON),
            datetime(2026, 6, 8, 17, tzinfo=LONDON),
        ),
    ],
)
def test_by_business_days_counts_from_the_last_business_day_not_the_date_it_closes_on(
    hours: object, closes: datetime, extended: datetime
) -> None:
    """A business day that closes at or after midnight (a night shift, 24:00) is still the
    period's last day: the extension's business days are the ones after it."""
    document = {
        "calendars": {"c": {"timezone": "Europe/London", "hours": hours}},
        "sla": {
            "calendar": "c",
            "targets": [
                {
                    "resolution": {
                        "within": "3 business days",
                        "extend": [{"upon": "more_time", "by": "2 business days"}],
                    }
                }
            ],
        },
    }
    received = datetime(2026, 6, 1, 10, tzinfo=LONDON)  # Monday; the day of receipt never counts
    desk, clock = make_desk(document, start=received)
    case = desk.intake(complaint(at=received))
    assert case.clocks.metrics["resolution"].due_at == closes
    clock.advance(timedelta(hours=1))
    desk.record_event(case.id, "more_time", actor="a")
    due = desk.get(case.id).clocks.metrics["resolution"].due_at
    assert due == extended


def test_warnings_after_an_extension_are_fractions_of_the_longer_period() -> None:
    desk, clock = make_desk(PSD2, start=RECEIVED)
    case = desk.intake(complaint(at=RECEIVED))
    clock.set(datetime(2026, 3, 4, 10, tzinfo=UTC))
    desk.record_event(case.id, "holding_reply", actor="jo")
    extended = desk.get(case.id).clocks.metrics["resolution"]
    assert extended.due_at == datetime(2026, 4, 22, 23, tzinfo=UTC)
    clock.set(datetime(2026, 3, 25, tzinfo=UTC))  # past 80% of 15 business days
    desk.tick()
    assert not [e for e in desk.history(case.id) if e.kind == "sla_warning"]
    clock.set(datetime(2026, 4, 22, 12, tzinfo=UTC))
    desk.tick()
    (warning,) = [e for e in desk.history(case.id) if e.kind == "sla_warning"]
    fell_due = parse_instant(warning.data["due_at"], "due_at")
    assert datetime(2026, 4, 13, tzinfo=UTC) < fell_due < datetime(2026, 4, 16, tzinfo=UTC)


def test_a_warning_already_given_is_not_given_again_after_an_extension() -> None:
    desk, clock = make_desk(PSD2, start=RECEIVED)
    case = desk.intake(complaint(at=RECEIVED))
    clock.set(datetime(2026, 3, 20, 12, tzinfo=UTC))
    desk.tick()
    desk.record_event(case.id, "holding_reply", actor="jo")
    clock.set(datetime(2026, 4, 22, 12, tzinfo=UTC))
    desk.tick()
    assert len([e for e in desk.history(case.id) if e.kind == "sla_warning"]) == 1


@pytest.mark.parametrize("mode", ["rebase", "rebase_keep_elapsed"])
def test_a_migration_keeps_an_extension_already_granted(mode: str) -> None:
    storage = MemoryStorage()
    old, clock = make_desk(PSD2, start=RECEIVED, storage=storage)
    case = old.intake(complaint(at=RECEIVED))
    clock.set(datetime(2026, 3, 16, 10, tzinfo=UTC))
    old.record_event(case.id, "holding_reply", actor="jo")
    newer = {**PSD2, "sla": {**PSD2["sla"], "migrate": {"mode": mode}}}
    moved = datetime(2026, 3, 26, 10, tzinfo=UTC)
    desk, clock = make_desk(newer, start=moved, storage=storage, version="2")
    desk.note(case.id, "x", actor="a")
    state = desk.get(case.id).clocks.metrics["resolution"]
    assert [record.extension.upon for record in state.extended] == ["holding_reply"]
    assert state.due_at is not None
    if mode == "rebase_keep_elapsed":
        assert state.due_at == datetime(2026, 4, 22, 23, tzinfo=UTC)
    else:  # 35 business days from the move
        assert state.due_at > datetime(2026, 5, 14, tzinfo=UTC)
    assert state.breached_at is None
    clock.set(state.due_at - timedelta(hours=1))
    desk.tick()
    assert not [e for e in desk.history(case.id) if e.kind == "sla_breached"]


@pytest.mark.parametrize("tick_first", [True, False])
def test_an_extension_signalled_after_the_deadline_does_not_revive_the_clock(
    tick_first: bool,
) -> None:
    """PSRs reg. 101(3): the holding reply must come within the 15 business days; one sent
    later (whether or not a tick noticed the breach yet) does not move the deadline."""
    desk, clock = make_desk(PSD2, start=RECEIVED)
    case = desk.intake(complaint(at=RECEIVED))
    if tick_first:
        clock.set(datetime(2026, 3, 25, 10, tzinfo=UTC))
        desk.tick()
    clock.set(datetime(2026, 3, 30, 10, tzinfo=UTC))
    desk.record_event(case.id, "holding_reply", actor="jo")
    resolution = desk.get(case.id).clocks.metrics["resolution"]
    assert resolution.due_at == datetime(2026, 3, 24, tzinfo=UTC)
    assert resolution.extended == ()
    (late,) = [e for e in desk.history(case.id) if e.kind == "sla_extension_late"]
    assert late.data["metric"] == "resolution"
    assert "2026-03-24T00:00:00+00:00" in late.reason


def test_an_extension_signalled_while_a_breached_clock_is_paused_is_late() -> None:
    """Running out is what makes a signal late: a clock that breached and then paused has
    no period left to extend."""
    document = {
        **PSD2,
        "sla": {
            **PSD2["sla"],
            "targets": [
                {
                    "resolution": {
                        **PSD2["sla"]["targets"][0]["resolution"],
                        "pause_in": ["waiting_on_customer"],
                    }
                }
            ],
        },
    }
    desk, clock = make_desk(document, start=RECEIVED)
    case = desk.intake(complaint(at=RECEIVED))
    clock.set(datetime(2026, 3, 26, 10, tzinfo=UTC))
    desk.tick()
    desk.transition(case.id, "investigating", actor="jo")
    desk.transition(case.id, "waiting_on_customer", actor="jo")
    clock.set(datetime(2026, 3, 27, 10, tzinfo=UTC))
    desk.record_event(case.id, "holding_reply", actor="jo")
    assert desk.get(case.id).clocks.metrics["resolution"].extended == ()


def test_an_extension_on_the_evening_of_the_last_day_is_in_time_even_while_paused() -> None:
    """银行保险机构消费投诉处理管理办法 第二十条: 15日, extendable to 30日. The 15 days
    end at 24:00, not at the hour of receipt, so an extension at 21:00 on the last day is in
    time — also on a clock waiting on the customer since 20:00."""
    document = {
        "calendars": {"cn": {"timezone": "Asia/Shanghai", "hours": "24x7"}},
        "sla": {
            "calendar": "cn",
            "warnings": [],
            "targets": [
                {
                    "resolution": {
                        "within": "15日",
                        "ends": "end_of_day",
                        "extend": [{"upon": "complex_case", "to": "30日"}],
                    }
                }
            ],
        },
    }
    received = datetime(2026, 3, 2, 10, tzinfo=SHANGHAI)
    desk, clock = make_desk(document, start=received)
    case = desk.intake(complaint(at=received))
    assert case.clocks.metrics["resolution"].due_at == datetime(2026, 3, 18, tzinfo=SHANGHAI)
    clock.set(datetime(2026, 3, 17, 20, tzinfo=SHANGHAI))
    desk.transition(case.id, "investigating", actor="a")
    desk.transition(case.id, "waiting_on_customer", actor="a")
    clock.set(datetime(2026, 3, 17, 21, tzinfo=SHANGHAI))
    desk.record_event(case.id, "complex_case", actor="a")
    desk.transition(case.id, "investigating", actor="a")
    resolution = desk.get(case.id).clocks.metrics["resolution"]
    assert [record.extension.upon for record in resolution.extended] == ["complex_case"]
    assert resolution.due_at == datetime(2026, 4, 2, tzinfo=SHANGHAI)  # 24:00 on day 30
