"""``validate`` warns when a target's deadlines can reach a year of incomplete holiday data,
also when the end rule carries the deadline there: a last day rolled past New Year's
Day, or a 4-hour reply that ends at the next close, in January. A period ending at 24:00
on 31 December reaches that day only (China's 2027 arrangement is provisional in the
package; the company below closes on 31 December 2026)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from complaintkit.errors import Location
from complaintkit.sla.horizon import holiday_data_problems
from complaintkit.sla.policy import compile_sections

SHANGHAI = ZoneInfo("Asia/Shanghai")
CN = {
    "timezone": "Asia/Shanghai",
    "hours": {"mon-fri": ["09:00-12:00", "13:30-17:30"]},
    "holiday_country": "CN",
    "holidays": ["2026-12-31"],
}


def _warned(target: dict[str, Any], now: datetime) -> list[str]:
    sla = compile_sections(
        {"calendars": {"cn": CN}, "sla": {"calendar": "cn", "targets": [{"resolution": target}]}}
    )
    assert sla is not None
    return [
        p.message
        for p in holiday_data_problems(sla, now, lambda path: Location("policy.yaml", path=path))
    ]


LATE = datetime(2026, 12, 30, 16, tzinfo=SHANGHAI)  # Wednesday


@pytest.mark.parametrize(
    ("target", "now"),
    [
        ({"within": "1日", "roll": "next_business_day"}, LATE),
        ({"within": "1日", "roll": "next_business_day", "ends": "end_of_day"}, LATE),
        ({"within": "1日", "roll": "next_business_day", "ends": "close_of_business"}, LATE),
        ({"within": "4h", "ends": "close_of_business"}, LATE),  # due 20:00, ends at Monday's close
        (  # 1日 end on Wednesday 30th; by 1日 more, the closed 31st, rolled to 4 January
            {
                "within": "1日",
                "roll": "next_business_day",
                "extend": [{"upon": "holding_reply", "by": "1日"}],
            },
            datetime(2026, 12, 29, 10, tzinfo=SHANGHAI),
        ),
    ],
)
def test_an_end_rule_carrying_the_deadline_into_2027_is_warned_of(
    target: dict[str, Any], now: datetime
) -> None:
    (message,) = _warned(target, now)
    assert "2027 provisional" in message


def test_a_period_ending_at_24_00_on_31_december_is_not() -> None:
    target = {"within": "1日", "ends": "end_of_day"}
    assert _warned(target, datetime(2026, 12, 30, 10, tzinfo=SHANGHAI)) == []


def test_nor_one_that_runs_out_before_the_new_year_without_an_end_rule() -> None:
    assert _warned({"within": "1日"}, datetime(2026, 12, 30, 10, tzinfo=SHANGHAI)) == []


@pytest.mark.parametrize(
    "target",
    [{"within": "3日"}, {"within": "3日", "ends": "end_of_day"}, {"within": "72h"}, "2 weeks"],
)
def test_calendar_time_ending_exactly_or_at_24_00_does_not_count_holidays(
    target: dict[str, Any] | str,
) -> None:
    """Due on 2 January 2027 whatever China's 2027 arrangement says: nothing to warn of."""
    assert _warned(target, datetime(2026, 12, 30, 10, tzinfo=SHANGHAI)) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "target",
    [
        {"within": "3个工作日"},
        {"within": "3日", "ends": "close_of_business"},
        {"within": "3日", "extend": [{"upon": "holding_reply", "to": "5 business days"}]},
    ],
)
def test_what_counts_business_days_into_2027_still_is(target: dict[str, Any]) -> None:
    (message,) = _warned(target, datetime(2026, 12, 30, 10, tzinfo=SHANGHAI))
    assert "2027 provisional" in message
