"""A clock records each year of incomplete holiday data its period reaches. An end rule
can carry the deadline past the year the time runs out in: a last day rolled over New
Year's Day, or a 4-hour reply due after Thursday 31 December's close that ends at the
next close, in January. The holidays of that January decided the deadline, so the clock
names the year as well (China's 2027 arrangement is provisional in the package)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sla_helpers import complaint, make_desk

from complaintkit.sla.calendar import BusinessCalendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
CN = {
    "timezone": "Asia/Shanghai",
    "hours": {"mon-fri": ["09:00-12:00", "13:30-17:30"]},
    "holiday_country": "CN",
    "holidays": ["2026-12-31"],  # the company closes on New Year's Eve
}
VERSION = BusinessCalendar.from_mapping(CN).data_version()


def _clock(target: dict[str, Any], received: datetime) -> tuple[datetime | None, str | None]:
    policy = {
        "calendars": {"cn": CN},
        "sla": {"calendar": "cn", "warnings": [], "targets": [{"resolution": target}]},
    }
    desk, _ = make_desk(policy, start=received)
    state = desk.intake(complaint(at=received)).clocks.metrics["resolution"]
    return state.due_at, state.holiday_data


def test_the_package_knows_no_make_up_day_of_2027() -> None:
    calendar = BusinessCalendar.from_mapping(CN)
    assert calendar.holiday_data_status(2026) == "official"
    assert calendar.holiday_data_status(2027) == "provisional"


@pytest.mark.parametrize(
    ("target", "received", "due"),
    [
        (  # the last day, 31 December, is closed: it rolls past 1 January to Monday the 4th
            {"within": "1日", "roll": "next_business_day"},
            datetime(2026, 12, 30, 10, tzinfo=SHANGHAI),
            datetime(2027, 1, 4, 10, tzinfo=SHANGHAI),
        ),
        (
            {"within": "1日", "roll": "next_business_day", "ends": "end_of_day"},
            datetime(2026, 12, 30, 10, tzinfo=SHANGHAI),
            datetime(2027, 1, 5, tzinfo=SHANGHAI),
        ),
        (  # due at 20:00 on the 30th; the next close is Monday's
            {"within": "4h", "ends": "close_of_business"},
            datetime(2026, 12, 30, 16, tzinfo=SHANGHAI),
            datetime(2027, 1, 4, 17, 30, tzinfo=SHANGHAI),
        ),
    ],
)
def test_an_end_rule_reaching_into_a_provisional_year_records_it(
    target: dict[str, Any], received: datetime, due: datetime
) -> None:
    assert _clock(target, received) == (due, f"{VERSION}; 2027 provisional")


def test_a_period_ending_at_24_00_on_31_december_does_not_reach_the_next_year() -> None:
    target = {"within": "1日", "ends": "end_of_day"}
    received = datetime(2026, 12, 30, 10, tzinfo=SHANGHAI)
    assert _clock(target, received) == (datetime(2027, 1, 1, tzinfo=SHANGHAI), VERSION)


def test_an_extension_rolled_into_a_provisional_year_records_it() -> None:
    target = {
        "within": "1日",
        "roll": "next_business_day",
        "extend": [{"upon": "extension_approved", "by": "1日"}],
    }
    policy = {
        "calendars": {"cn": CN},
        "sla": {"calendar": "cn", "warnings": [], "targets": [{"resolution": target}]},
    }
    received = datetime(2026, 12, 29, 10, tzinfo=SHANGHAI)
    desk, clock = make_desk(policy, start=received)
    case_id = desk.intake(complaint(at=received)).id
    assert desk.get(case_id).clocks.metrics["resolution"].holiday_data == VERSION
    clock.set(datetime(2026, 12, 29, 12, tzinfo=SHANGHAI))
    case = desk.record_event(case_id, "extension_approved", actor="li.na")
    state = case.clocks.metrics["resolution"]
    assert (state.due_at, state.holiday_data) == (
        datetime(2027, 1, 4, 10, tzinfo=SHANGHAI),
        f"{VERSION}; 2027 provisional",
    )
