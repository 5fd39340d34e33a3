"""The SAMR pack (policies/regulatory/samr-complaints.yaml) against working days counted by
hand over the State Council's holiday notices for 2025 and 2026 (国务院办公厅关于2025年、
2026年部分节假日安排的通知), written out below with their make-up working days (调休)
rather than read from the ``holidays`` package.

民法典 art. 201: the day of receipt (or acceptance) is not counted; art. 203: a period
ends when the office stops work (17:30) on its last day. 第二十条: testing and appraisal
time does not count toward mediation's 45 working days, so a period that a lab's hours
lengthen still ends at the close of the day its working time runs out on, never at 10:00."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import Policy, load_policy

PACK = Path(__file__).parents[2] / "policies" / "regulatory" / "samr-complaints.yaml"
SHANGHAI = ZoneInfo("Asia/Shanghai")
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
SECOND = timedelta(seconds=1)


def _days(*days: str) -> frozenset[date]:
    return frozenset(date.fromisoformat(day) for day in days)


#: Weekdays off (放假), as each year's notice lists them.
DAYS_OFF = _days(
    # 2025: 元旦; 春节 1.28-2.4; 清明 4.4-6; 劳动节 5.1-5; 端午 5.31-6.2; 国庆中秋 10.1-8
    "2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-03",
    "2025-02-04", "2025-04-04", "2025-05-01", "2025-05-02", "2025-05-05", "2025-06-02",
    "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08",
    # 2026: 元旦 1.1-3; 春节 2.15-23; 清明 4.4-6; 劳动节 5.1-5; 端午 6.19-21; 中秋 9.25-27;
    # 国庆 10.1-7
    "2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
    "2026-02-20", "2026-02-23", "2026-04-06", "2026-05-01", "2026-05-04", "2026-05-05",
    "2026-06-19", "2026-09-25", "2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06",
    "2026-10-07",
)  # fmt: skip
#: Weekends worked (调休上班).
MAKE_UP_DAYS = _days(
    "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
    "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
)  # fmt: skip
SHIFTS = ((time(9), time(12)), (time(13, 30), time(17, 30)))


def working(day: date) -> bool:
    return day in MAKE_UP_DAYS or (day.weekday() < 5 and day not in DAYS_OFF)


def nth_working_day_after(day: date, n: int) -> date:
    while n:
        day += timedelta(days=1)
        n -= working(day)
    return day


def wall(day: date, at: time) -> datetime:
    return datetime.combine(day, at, SHANGHAI)


def close(day: date) -> datetime:
    return wall(day, time(17, 30))


def local_day(moment: datetime) -> date:
    return moment.astimezone(SHANGHAI).date()


def working_time(start: datetime, end: datetime) -> timedelta:
    """Office hours between two instants."""
    total, day = timedelta(0), local_day(start)
    while day <= local_day(end):
        if working(day):
            for opens, closes in SHIFTS:
                lo, hi = max(wall(day, opens), start), min(wall(day, closes), end)
                total += max(hi - lo, timedelta(0))
        day += timedelta(days=1)
    return total


def runs_out(start: datetime, left: timedelta) -> datetime:
    """The close of the working day on which ``left`` office hours from ``start`` are used."""
    assert left > timedelta(0)
    day = local_day(start)
    while True:
        if working(day):
            for opens, closes in SHIFTS:
                lo, hi = max(wall(day, opens), start), wall(day, closes)
                if hi > lo:
                    if left <= hi - lo:
                        return close(day)
                    left -= hi - lo
        day += timedelta(days=1)


@cache
def pack() -> Policy:
    return load_policy(PACK)


def _open(received: datetime, kind: str | None = None) -> tuple[Desk, ManualClock, str]:
    clock = ManualClock(received)
    desk = Desk(pack(), clock=clock)
    case = desk.intake(
        {
            "channel": "12315",
            "external_id": "S-1",
            "received_at": received.isoformat(),
            "customer": {"id": "C-1"},
            "text": "电水壶漏电",
            "attributes": {} if kind is None else {"kind": kind},
        }
    )
    return desk, clock, case.id


def _due(desk: Desk, case_id: str, metric: str) -> datetime | None:
    return desk.get(case_id).clocks.metrics[metric].due_at


SPECIAL = [
    date(2025, 1, 24), date(2025, 1, 26), date(2025, 2, 8), date(2025, 4, 27),
    date(2025, 9, 26), date(2025, 9, 28), date(2025, 10, 11), date(2025, 12, 31),
    date(2026, 1, 4), date(2026, 2, 13), date(2026, 2, 14), date(2026, 2, 28),
    date(2026, 4, 3), date(2026, 4, 30), date(2026, 5, 9), date(2026, 6, 18),
    date(2026, 9, 18), date(2026, 9, 20), date(2026, 9, 24), date(2026, 9, 30),
    date(2026, 10, 10), date(2026, 3, 8), date(2026, 3, 29), date(2026, 2, 28),
]  # fmt: skip
TIMES = [time(0), time(8, 59, 59), time(9), time(12), time(13, 30), time(17, 29, 59),
         time(17, 30), time(23, 59, 59)]  # fmt: skip
ZONES = ["Asia/Shanghai", "Europe/London", "America/New_York", "UTC"]
FIRST, LAST = datetime(2025, 1, 1, tzinfo=SHANGHAI), datetime(2026, 8, 31, tzinfo=SHANGHAI)


@st.composite
def receipts(draw: st.DrawFn) -> datetime:
    """A telling wall time near a holiday or make-up day, in one of the zones (the office's
    day is Shanghai's whatever the zone), or any minute of 2025 to August 2026."""
    zone = ZoneInfo(draw(st.sampled_from(ZONES)))
    if draw(st.booleans()):
        day = draw(st.sampled_from(SPECIAL)) + timedelta(days=draw(st.integers(-1, 1)))
        shown = wall(day, draw(st.sampled_from(TIMES))).astimezone(zone)
        return min(max(shown, FIRST), LAST)
    minutes = int((LAST - FIRST).total_seconds() // 60)
    return (FIRST + timedelta(minutes=draw(st.integers(0, minutes)))).astimezone(zone)


@SETTINGS
@given(receipts())
@example(wall(date(2026, 2, 13), time(17, 30)))  # the Friday before 春节, at closing time
@example(wall(date(2026, 9, 30), time(23, 59, 59)))  # the eve of 国庆
def test_acceptance_closes_on_the_7th_working_day_after_receipt(received: datetime) -> None:
    desk, clock, case_id = _open(received)
    due = close(nth_working_day_after(local_day(received), 7))
    assert _due(desk, case_id, "acceptance") == due
    clock.set(due)
    desk.tick()
    assert "受理超期" not in desk.get(case_id).tags
    clock.set(due + SECOND)
    desk.tick()
    assert "受理超期" in desk.get(case_id).tags


@SETTINGS
@given(receipts(), st.floats(0, 1.3))
@example(wall(date(2026, 9, 18), time(10)), 1.0)  # approved at the close of the 15th day
def test_report_check_15_working_days_and_15_more_when_approved_in_time(
    received: datetime, when: float
) -> None:
    desk, clock, case_id = _open(received, kind="举报")
    due = close(nth_working_day_after(local_day(received), 15))
    assert _due(desk, case_id, "report_check") == due
    approved = received + (due - received) * when
    clock.set(approved)
    desk.record_event(case_id, "extension_approved", actor="office")
    extended = close(nth_working_day_after(local_day(due), 15))
    assert _due(desk, case_id, "report_check") == (extended if approved <= due else due)


def _accept(desk: Desk, clock: ManualClock, case_id: str, at: datetime) -> None:
    clock.set(at)
    desk.record_event(case_id, "acceptance_decided", actor="office")
    desk.transition(case_id, "investigating", actor="office")


@SETTINGS
@given(
    receipts(),
    st.integers(0, 7 * 24 * 60),
    st.integers(0, 40 * 24 * 60),
    st.integers(0, 12 * 24 * 60),
)
@example(wall(date(2026, 3, 2), time(10)), 10 * 60, 25 * 60, 13 * 60)  # a night and an hour
@example(wall(date(2026, 3, 2), time(10)), 10 * 60, 8 * 24 * 60, 60)  # one hour at the lab
@example(wall(date(2026, 9, 21), time(10)), 24 * 60, 7 * 24 * 60 + 120, 9 * 24 * 60)  # 国庆
def test_mediation_45_working_days_without_the_lab_end_at_a_close(
    received: datetime, accept: int, sent: int, testing: int
) -> None:
    desk, clock, case_id = _open(received)
    accepted = received + timedelta(minutes=accept)
    _accept(desk, clock, case_id, accepted)
    due = close(nth_working_day_after(local_day(accepted), 45))
    assert _due(desk, case_id, "mediation") == due
    to_lab, back = accepted + timedelta(minutes=sent), accepted + timedelta(minutes=sent + testing)
    if to_lab >= due:
        return
    clock.set(to_lab)
    desk.transition(case_id, "waiting_on_third_party", actor="office")
    clock.set(back)
    desk.transition(case_id, "investigating", actor="office")
    left = working_time(accepted, due) - working_time(accepted, to_lab)
    expected = max(due, runs_out(back, left))
    assert _due(desk, case_id, "mediation") == expected
    clock.set(expected)
    desk.tick()
    assert "调解超期" not in desk.get(case_id).tags
    clock.set(expected + SECOND)
    desk.tick()
    assert "调解超期" in desk.get(case_id).tags


@SETTINGS
@given(receipts(), st.integers(60, 30 * 24 * 60), st.integers(0, 20 * 24 * 60))
@example(wall(date(2026, 4, 1), time(10)), 24 * 60 + 60, 3 * 24 * 60)  # reopened over 清明
def test_reopened_mediation_carries_on_with_its_working_time_to_a_close(
    received: datetime, resolved: int, stood: int
) -> None:
    # the pack's mediation clock resumes on reopening: the time it stood stopped is not counted
    desk, clock, case_id = _open(received)
    _accept(desk, clock, case_id, received)
    due = close(nth_working_day_after(local_day(received), 45))
    stop, again = (
        received + timedelta(minutes=resolved),
        received + timedelta(minutes=resolved + stood),
    )
    if stop >= due:
        return
    clock.set(stop)
    desk.resolve(case_id, "调解达成协议", actor="office")
    clock.set(again)
    desk.reopen(case_id, actor="office", reason="经营者未履行调解协议")
    left = working_time(received, due) - working_time(received, stop)
    assert _due(desk, case_id, "mediation") == max(due, runs_out(again, left))
    assert _due(desk, case_id, "acceptance") is None  # decided once (reopen: keep)
