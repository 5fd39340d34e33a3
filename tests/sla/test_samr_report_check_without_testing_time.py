"""市场监督管理行政处罚程序规定 第十八条: a 举报 (report) is checked within 15 working days of
receipt, and by its second paragraph 检测、检验、检疫、鉴定以及权利人辨认或者鉴别等所需时间
不计入前款规定期限 — the time a sample spends at a lab does not count. The samr-complaints
pack ran the check's clock through testing (pause_in: []), so a report whose sample went
to the lab for a week was overdue a week early. Counted by hand on the pack's calendar
(09:00-12:00 and 13:30-17:30, 7 working hours a day, China's 2026 holidays)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.sla.calendar import BusinessCalendar

PACK = Path(__file__).parents[2] / "policies" / "regulatory" / "samr-complaints.yaml"
RECEIVED = "2026-03-02T10:00:00+08:00"  # Monday; due Monday 23 March 17:30 untested


def _check_due(sent: str, back: str) -> datetime | None:
    clock = ManualClock(datetime.fromisoformat(RECEIVED))
    desk = Desk(load_policy(PACK), storage="memory:", clock=clock)
    case = desk.intake(
        {
            "channel": "12315",
            "external_id": "R-1",
            "received_at": RECEIVED,
            "customer": {"id": "c-1"},
            "text": "举报某超市销售过期食品",
            "attributes": {"kind": "report"},
        }
    )
    desk.transition(case.id, "investigating", actor="office")
    clock.set(datetime.fromisoformat(sent))
    desk.transition(case.id, "waiting_on_third_party", actor="office")
    clock.set(datetime.fromisoformat(back))
    desk.transition(case.id, "investigating", actor="office")
    return desk.get(case.id).clocks.metrics["report_check"].due_at


@pytest.mark.parametrize(
    ("sent", "back", "due"),
    [
        # a week at the lab, Wednesday to Wednesday: 5 working days more, to Monday the 30th
        ("2026-03-04T10:00:00+08:00", "2026-03-11T10:00:00+08:00", "2026-03-30T17:30:00+08:00"),
        # a morning at the lab: 3 working hours run out at 12:00 on Tuesday the 24th, and
        # the period ends when the office stops work that day (民法典 art. 203), as mediation
        ("2026-03-04T09:00:00+08:00", "2026-03-04T12:00:00+08:00", "2026-03-24T17:30:00+08:00"),
    ],
)
def test_a_report_s_check_does_not_count_the_time_its_sample_is_tested(
    sent: str, back: str, due: str
) -> None:
    assert _check_due(sent, back) == datetime.fromisoformat(due)


CN_GOVERNMENT = BusinessCalendar.from_mapping(
    {
        "timezone": "Asia/Shanghai",
        "hours": {"mon-fri": ["09:00-12:00", "13:30-17:30"]},
        "holiday_country": "CN",
    }
)
UNTESTED = datetime.fromisoformat("2026-03-23T17:30:00+08:00")


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 20 * 24 * 60), st.integers(1, 30 * 24 * 60))
def test_a_report_s_check_paused_for_testing_ends_at_a_close_never_earlier(
    sent: int, testing: int
) -> None:
    to_lab = datetime.fromisoformat(RECEIVED) + timedelta(minutes=sent)
    back = to_lab + timedelta(minutes=testing)
    due = _check_due(to_lab.isoformat(), back.isoformat())
    assert due is not None
    if to_lab >= UNTESTED:
        return  # sent after the deadline: a breach, not a pause
    assert due >= UNTESTED
    day = CN_GOVERNMENT.local_date(due - timedelta(microseconds=1))
    assert CN_GOVERNMENT.is_business_day(day)
    assert due == CN_GOVERNMENT.close_of_day(day)
