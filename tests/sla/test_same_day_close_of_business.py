"""``0日`` (or ``0 days``) ending at the close of business is "by today's close": received
after the close, it was due at that close, hours before the complaint arrived (21:19 on a
Thursday: due 17:30 the same Thursday, breached on receipt). It ends at the first close at
or after the receipt, as ``0 business days`` does: Friday's, Monday's after the weekend."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sla_helpers import complaint, make_desk

from complaintkit.sla.explain import explain_deadlines, render_deadlines

SHANGHAI = ZoneInfo("Asia/Shanghai")
CN = {"timezone": "Asia/Shanghai", "hours": {"mon-fri": ["09:00-12:00", "13:30-17:30"]}}


def _due(target: object, received: datetime) -> datetime:
    document = {
        "calendars": {"cn": CN},
        "sla": {"calendar": "cn", "warnings": [], "targets": [{"resolution": target}]},
    }
    desk, _ = make_desk(document, start=received)
    due = desk.intake(complaint(at=received)).clocks.metrics["resolution"].due_at
    assert due is not None
    return due


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=SHANGHAI)  # 2 March is a Monday


@pytest.mark.parametrize("within", ["0日", "0 days", "0 business days"])
@pytest.mark.parametrize(
    ("received", "due"),
    [
        (_at(5, 8), _at(5, 17, 30)),  # Thursday before opening: that day's close
        (_at(5, 12, 30), _at(5, 17, 30)),  # at lunch: that day's close
        (_at(5, 21, 19), _at(6, 17, 30)),  # after the close: Friday's
        (_at(6, 18), _at(9, 17, 30)),  # Friday evening: Monday's
        (_at(7, 10), _at(9, 17, 30)),  # Saturday: Monday's
    ],
)
def test_same_day_by_the_close_is_never_before_the_receipt(
    within: str, received: datetime, due: datetime
) -> None:
    assert _due({"within": within, "ends": "close_of_business"}, received) == due


def test_received_at_the_close_itself() -> None:
    """0日 runs out at the receipt, and the first close at or after it is that very close;
    0 business days, counted in business days, takes the receipt as after the close."""
    target = {"within": "0日", "ends": "close_of_business"}
    assert _due(target, _at(5, 17, 30)) == _at(5, 17, 30)
    assert _due({"within": "0 business days"}, _at(5, 17, 30)) == _at(6, 17, 30)


def test_a_day_or_more_still_ends_at_the_close_of_its_last_day() -> None:
    target = {"within": "1日", "ends": "close_of_business"}
    assert _due(target, _at(5, 21, 19)) == _at(6, 17, 30)  # before 21:19 on Friday


def test_explain_lists_no_day_rolled_forward() -> None:
    """No day is counted or rolled (the target has no roll): the next close is not a
    "last day rolled forward to the next business day"."""
    document = {
        "calendars": {"cn": CN},
        "sla": {
            "calendar": "cn",
            "warnings": [],
            "targets": [{"resolution": {"within": "0日", "ends": "close_of_business"}}],
        },
    }
    received = _at(5, 21, 19)
    desk, _ = make_desk(document, start=received)
    case = desk.intake(complaint(at=received))
    assert desk.sla is not None
    text = "\n".join(render_deadlines(explain_deadlines(case, desk.sla, received)))
    assert "rolled forward" not in text
    assert "due 2026-03-06T17:30:00+08:00" in text
