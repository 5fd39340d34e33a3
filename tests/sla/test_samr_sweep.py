# ruff: noqa: RUF002 -- the notices are quoted with their own punctuation
"""SAMR's 7 working days (市场监督管理投诉举报处理暂行办法 art. 14) for every receipt date of
2024–2026, against the holiday arrangements the State Council published.

The lists below are copied by hand from the notices, independently of the ``holidays``
package the calendar reads:

* 国务院办公厅关于2024年部分节假日安排的通知 (国办发明电〔2023〕7号)
* 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号)
* 国务院办公厅关于2026年部分节假日安排的通知 (published November 2025)
* 全国年节及纪念日放假办法 art. 2 (元旦, 1 January, is a holiday every year), for the
  1 January 2027 that deadlines of receipts late in December 2026 run into.

Counting follows 民法典 art. 201: the day of receipt is not counted; the first working day
after it is day 1, and the deadline is the close of day 7.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from complaintkit.sla.calendar import BusinessCalendar

#: 放假 periods, weekends inside them included, as the notices write them.
HOLIDAYS = [
    # 2024
    ("2024-01-01", "2024-01-01"),  # 元旦
    ("2024-02-10", "2024-02-17"),  # 春节
    ("2024-04-04", "2024-04-06"),  # 清明节
    ("2024-05-01", "2024-05-05"),  # 劳动节
    ("2024-06-10", "2024-06-10"),  # 端午节
    ("2024-09-15", "2024-09-17"),  # 中秋节
    ("2024-10-01", "2024-10-07"),  # 国庆节
    # 2025
    ("2025-01-01", "2025-01-01"),
    ("2025-01-28", "2025-02-04"),
    ("2025-04-04", "2025-04-06"),
    ("2025-05-01", "2025-05-05"),
    ("2025-05-31", "2025-06-02"),
    ("2025-10-01", "2025-10-08"),  # 国庆节、中秋节
    # 2026
    ("2026-01-01", "2026-01-03"),
    ("2026-02-15", "2026-02-23"),
    ("2026-04-04", "2026-04-06"),
    ("2026-05-01", "2026-05-05"),
    ("2026-06-19", "2026-06-21"),
    ("2026-09-25", "2026-09-27"),
    ("2026-10-01", "2026-10-07"),
    # 2027 (statutory)
    ("2027-01-01", "2027-01-01"),
]
#: 上班: weekend days worked instead (调休).
MAKE_UP_DAYS = [
    *("2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11"),
    *("2024-09-14", "2024-09-29", "2024-10-12"),
    *("2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"),
    *("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"),
]

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _days_off() -> set[date]:
    out: set[date] = set()
    for first, last in HOLIDAYS:
        day = date.fromisoformat(first)
        while day <= date.fromisoformat(last):
            out.add(day)
            day += timedelta(days=1)
    return out


def oracle(received: date, working_days: int) -> date:
    """Count working days one date at a time, from the notices' lists alone."""
    off, make_up = _days_off(), {date.fromisoformat(d) for d in MAKE_UP_DAYS}
    day, counted = received, 0
    while counted < working_days:
        day += timedelta(days=1)
        if day in make_up or (day.weekday() < 5 and day not in off):
            counted += 1
    return day


def test_samr_seven_working_days_for_every_receipt_date_2024_to_2026() -> None:
    samr = BusinessCalendar.from_mapping(
        {
            "timezone": "Asia/Shanghai",
            "hours": {"mon-fri": ["09:00-12:00", "13:30-17:30"]},
            "holiday_country": "CN",
        }
    )
    day, mismatches, checked = date(2024, 1, 1), [], 0
    while day <= date(2026, 12, 31):
        received = datetime(day.year, day.month, day.day, 10, tzinfo=SHANGHAI)
        got = samr.add_business_days(received, 7).astimezone(SHANGHAI).date()
        if got != oracle(day, 7):
            mismatches.append((day, got, oracle(day, 7)))
        checked += 1
        day += timedelta(days=1)
    assert checked == 1096
    assert mismatches == []
