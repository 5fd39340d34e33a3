"""The CFPB pack (policies/regulatory/cfpb.yaml) against the Company Portal Manual counted
on a wall calendar: 15 and 60 calendar days from the date the CFPB sent the complaint, each
ending at 24:00 Eastern time on its last day, weekends and holidays counted. The date sent
may come as a date or as an instant written in any offset (an export in UTC, a portal in
Manila): the Eastern date it fell on is the day that does not count. The periods know no
pause, so a wait on the consumer or on a third party moves neither."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import Policy, load_policy

PACK = Path(__file__).parents[2] / "policies" / "regulatory" / "cfpb.yaml"
EASTERN = ZoneInfo("America/New_York")
SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
ZONES = ["UTC", "America/New_York", "America/Los_Angeles", "Asia/Manila", "Pacific/Kiritimati",
         "Pacific/Pago_Pago", "Europe/London"]  # fmt: skip
SPECIAL = [
    date(2026, 3, 7), date(2026, 3, 8), date(2026, 10, 31), date(2026, 11, 1),
    date(2027, 3, 14), date(2027, 11, 7), date(2028, 2, 14), date(2028, 2, 29),
    date(2028, 1, 15), date(2026, 12, 31), date(2027, 12, 17), date(2028, 3, 12),
]  # fmt: skip
TIMES = [time(0), time(1, 30), time(2, 30), time(23), time(23, 59, 59)]


def end_of(day: date) -> datetime:
    """24:00 Eastern time on ``day``."""
    return datetime.combine(day + timedelta(days=1), time(0), EASTERN)


@cache
def pack() -> Policy:
    return load_policy(PACK)


@st.composite
def sendings(draw: st.DrawFn) -> datetime:
    """When the CFPB sent it: an Eastern wall time near a DST change, a leap day or a year
    end, or any minute of 2025 to 2028."""
    if draw(st.booleans()):
        day = draw(st.sampled_from(SPECIAL)) + timedelta(days=draw(st.integers(-1, 1)))
        return datetime.combine(day, draw(st.sampled_from(TIMES)), EASTERN).astimezone(UTC)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    return start + timedelta(minutes=draw(st.integers(0, 4 * 365 * 24 * 60)))


def _open(sent_as: str, received: datetime) -> tuple[Desk, ManualClock, str]:
    clock = ManualClock(received)
    desk = Desk(pack(), clock=clock)
    case = desk.intake(
        {
            "channel": "cfpb",
            "external_id": "CFPB-1",
            "received_at": received.isoformat(),
            "customer": {"id": "C-1"},
            "text": "Mortgage servicer misapplied my payment",
            "attributes": {"date_sent_to_company": sent_as},
        }
    )
    return desk, clock, case.id


@SETTINGS
@given(sendings(), st.sampled_from(ZONES), st.booleans(), st.integers(0, 5 * 24 * 60))
@example(  # 2028-02-29 00:30 EST written in UTC: the day sent is the leap day
    datetime(2028, 2, 29, 5, 30, tzinfo=UTC), "UTC", False, 60
)
@example(  # 23:30 EDT on 31 Oct 2026, already 1 November in UTC: the Eastern date counts
    datetime(2026, 11, 1, 3, 30, tzinfo=UTC), "UTC", False, 0
)
def test_15_and_60_days_from_the_eastern_date_sent_end_at_24_00_eastern(
    sent: datetime, zone: str, as_date: bool, later: int
) -> None:
    sent_day = sent.astimezone(EASTERN).date()
    written = sent_day.isoformat() if as_date else sent.astimezone(ZoneInfo(zone)).isoformat()
    desk, _, case_id = _open(written, sent + timedelta(minutes=later))
    metrics = desk.get(case_id).clocks.metrics
    assert metrics["first_response"].due_at == end_of(sent_day + timedelta(days=15))
    assert metrics["resolution"].due_at == end_of(sent_day + timedelta(days=60))


@SETTINGS
@given(
    sendings(),
    st.sampled_from(["waiting_on_customer", "waiting_on_third_party"]),
    st.integers(60, 20 * 24 * 60),
    st.integers(0, 40 * 24 * 60),
)
@example(  # a wait from before the autumn change to after it
    datetime(2026, 10, 20, 14, tzinfo=UTC), "waiting_on_customer", 24 * 60, 20 * 24 * 60
)
def test_a_wait_moves_neither_period(sent: datetime, status: str, asked: int, waited: int) -> None:
    sent_day = sent.astimezone(EASTERN).date()
    desk, clock, case_id = _open(sent_day.isoformat(), sent)
    clock.set(sent + timedelta(minutes=30))
    desk.respond(case_id, "In progress", actor="servicer")
    desk.transition(case_id, "investigating", actor="servicer")
    clock.set(sent + timedelta(minutes=asked))
    desk.transition(case_id, status, actor="servicer")
    clock.set(sent + timedelta(minutes=asked + waited))
    desk.transition(case_id, "investigating", actor="servicer")
    assert desk.get(case_id).clocks.metrics["resolution"].due_at == end_of(
        sent_day + timedelta(days=60)
    )
