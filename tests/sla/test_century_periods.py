"""The longest period a policy may set (business time falling due up to 100 years later)
is counted from the calendar's cache once its dates are known: a deadline, a pause and a
sweep each count the whole period again, so a cache smaller than the period worked out
every date of it again at every step (six seconds a step on a CN calendar)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.durations import parse_duration
from complaintkit.sla.timeline import Day

START = datetime.fromisoformat("2026-03-02T10:00:00+08:00")


def test_a_century_of_business_days_is_worked_out_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calendar = BusinessCalendar.from_mapping(
        {"timezone": "Asia/Shanghai", "hours": {"mon-fri": ["09:00-17:30"]}}
    )
    deadline = calendar.deadline(START, parse_duration("26000 business days"))
    assert deadline.date() > date(2125, 1, 1)  # a hundred years of dates, near enough
    used = calendar.elapsed(START, deadline)
    computed: list[int] = []
    compute = BusinessCalendar._compute_day

    def counting(self: BusinessCalendar, ordinal: int) -> Day:
        computed.append(ordinal)
        return compute(self, ordinal)

    monkeypatch.setattr(BusinessCalendar, "_compute_day", counting)
    assert calendar.add(START, used) == deadline
    assert calendar.elapsed(START, deadline) == used
    assert computed == []
