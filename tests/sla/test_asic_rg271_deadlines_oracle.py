"""The ASIC RG 271 pack (policies/regulatory/asic-rg271.yaml) against deadlines worked out by
hand: Acts Interpretation Act 1901 s. 36 days (the day of receipt excluded, 24:00 Sydney time
on the last day, a last day on a Saturday, Sunday or NSW public holiday moved to the next
working day) and the acknowledgement's business day (Corporations Act s. 9: the NSW Bank
Holiday excluded too), over the holiday lists New South Wales publishes for 2026 and 2027,
written out below, not read from the ``holidays`` package."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import Policy, load_policy

PACK = Path(__file__).parents[2] / "policies" / "regulatory" / "asic-rg271.yaml"
SYDNEY = ZoneInfo("Australia/Sydney")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
SECOND = timedelta(seconds=1)

#: Public Holidays Act 2010 (NSW), with the additional days the Minister declared.
PUBLIC_HOLIDAYS = frozenset(
    date.fromisoformat(day)
    for day in (
        # 2026: Anzac Day and Boxing Day on a Saturday each give the Monday after
        "2026-01-01", "2026-01-26", "2026-04-03", "2026-04-04", "2026-04-05", "2026-04-06",
        "2026-04-25", "2026-04-27", "2026-06-08", "2026-10-05", "2026-12-25", "2026-12-26",
        "2026-12-28",
        # 2027: Anzac Day on a Sunday, Christmas on a Saturday, Boxing Day on a Sunday
        "2027-01-01", "2027-01-26", "2027-03-26", "2027-03-27", "2027-03-28", "2027-03-29",
        "2027-04-25", "2027-04-26", "2027-06-14", "2027-10-04", "2027-12-25", "2027-12-26",
        "2027-12-27", "2027-12-28",
        # 2028, to the end of February: New Year's Day on a Saturday gives Monday 3 January
        "2028-01-01", "2028-01-03", "2028-01-26",
    )
)  # fmt: skip
#: Bank Holiday (first Monday in August): banks close, but it is not a public holiday.
BANK_HOLIDAYS = frozenset((date(2026, 8, 3), date(2027, 8, 2)))
#: The receipts whose deadlines the lists above cover (45 days and a roll end in 2028's February).
LISTED = (datetime(2026, 1, 1, tzinfo=SYDNEY), datetime(2027, 12, 31, 23, 59, tzinfo=SYDNEY))
#: The timeframe for each kind of complaint, and the attributes that make it that kind.
KINDS: dict[str, tuple[int, dict[str, str]]] = {
    "standard": (30, {}),
    "default_notice": (21, {"credit_matter": "default_notice"}),
    "hardship": (21, {"credit_matter": "hardship"}),
    "postponement": (21, {"credit_matter": "postponement"}),
    "superannuation": (45, {"sector": "superannuation"}),
    "trustee_company": (45, {"sector": "trustee_company"}),
}


def working_day(day: date) -> bool:
    """Acts Interpretation Act s. 2B: not a Saturday, a Sunday or a public holiday."""
    return day.weekday() < 5 and day not in PUBLIC_HOLIDAYS


def business_day(day: date) -> bool:
    """Corporations Act s. 9: nor a bank holiday."""
    return working_day(day) and day not in BANK_HOLIDAYS


def midnight_after(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), SYDNEY)


def idr_due(received: datetime, days: int) -> datetime:
    """24:00 Sydney time on the ``days``-th day after receipt, moved to a working day."""
    last = received.astimezone(SYDNEY).date() + timedelta(days=days)
    while not working_day(last):
        last += timedelta(days=1)
    return midnight_after(last)


def acknowledgement_due(received: datetime) -> datetime:
    """24:00 on the first business day after the day of receipt."""
    day = received.astimezone(SYDNEY).date() + timedelta(days=1)
    while not business_day(day):
        day += timedelta(days=1)
    return midnight_after(day)


@cache
def pack() -> Policy:
    return load_policy(PACK)


SPECIAL = [
    date(2026, 3, 4), date(2026, 3, 6), date(2026, 4, 4), date(2026, 4, 5), date(2026, 7, 4),
    date(2026, 7, 31), date(2026, 9, 4), date(2026, 10, 3), date(2026, 10, 4),
    date(2026, 11, 25), date(2026, 12, 2), date(2026, 12, 25), date(2026, 12, 31),
    date(2027, 2, 9), date(2027, 4, 4), date(2027, 10, 3), date(2027, 11, 25),
    date(2027, 11, 26), date(2027, 12, 31),
]  # fmt: skip
TIMES = [time(0), time(1, 59), time(2, 30), time(3), time(8, 59), time(9), time(16, 59, 59),
         time(17), time(23, 59, 59), time(13), time(12, 59, 59)]  # fmt: skip
ZONES = ["Australia/Sydney", "UTC", "Asia/Shanghai", "Europe/London"]


@st.composite
def receipts(draw: st.DrawFn) -> datetime:
    """A receipt written in one of the zones: a telling wall time near a special date, or
    any minute of the years listed."""
    zone = ZoneInfo(draw(st.sampled_from(ZONES)))
    if draw(st.booleans()):
        day = draw(st.sampled_from(SPECIAL)) + timedelta(days=draw(st.integers(-1, 1)))
        written = datetime.combine(day, draw(st.sampled_from(TIMES)), zone)
        return written.astimezone(UTC).astimezone(zone)  # a time that exists there
    start, end = LISTED
    minutes = draw(st.integers(0, int((end - start).total_seconds() // 60)))
    return (start + timedelta(minutes=minutes)).astimezone(zone)


def _complaint(received: datetime | str, attributes: dict[str, str]) -> dict[str, Any]:
    text = received if isinstance(received, str) else received.isoformat()
    return {
        "channel": "web",
        "external_id": "A-1",
        "received_at": text,
        "customer": {"id": "C-1"},
        "text": "A card fee was charged twice",
        "attributes": attributes,
    }


def _kinds(desk: Desk, case_id: str, kind: str) -> list[dict[str, Any]]:
    return [dict(e.data) for e in desk.history(case_id) if e.kind == kind]


@SETTINGS
@given(receipts(), st.sampled_from(sorted(KINDS)))
@example(datetime(2026, 3, 4, 10, tzinfo=SYDNEY), "standard")  # day 30 is Good Friday
@example(datetime(2026, 12, 24, 21, 30, tzinfo=ZoneInfo("Asia/Shanghai")), "standard")
@example(datetime(2026, 10, 3, 15, 30, tzinfo=ZoneInfo("Europe/London")), "standard")
@example(datetime(2026, 4, 4, 15, 30, tzinfo=UTC), "hardship")  # 02:30 AEDT, the first one
@example(datetime(2026, 4, 4, 16, 30, tzinfo=UTC), "hardship")  # 02:30 AEST, the second one
@example(datetime(2026, 7, 31, 18, tzinfo=SYDNEY), "standard")  # the Bank Holiday next
@example(datetime(2026, 7, 4, 10, tzinfo=SYDNEY), "standard")  # day 30 is the Bank Holiday
@example(datetime(2027, 11, 25, 23, 59, 59, tzinfo=SYDNEY), "standard")  # Christmas 2027
@example(datetime(2027, 2, 9, 10, tzinfo=SYDNEY), "superannuation")  # Good Friday 2027
@example(datetime(2027, 12, 31, 23, 59, 59, tzinfo=SYDNEY), "superannuation")
def test_rg271_deadlines_end_at_24_00_sydney_on_a_working_day(
    received: datetime, kind: str
) -> None:
    days, attributes = KINDS[kind]
    clock = ManualClock(received.astimezone(UTC))
    desk = Desk(pack(), clock=clock)
    case_id = desk.intake(_complaint(received, attributes)).id
    metrics = desk.get(case_id).clocks.metrics
    acknowledge, respond = acknowledgement_due(received), idr_due(received, days)
    assert metrics["first_response"].due_at == acknowledge
    assert metrics["resolution"].due_at == respond
    clock.set(acknowledge)
    desk.tick()
    assert _kinds(desk, case_id, "sla_breached") == []
    clock.set(acknowledge + SECOND)
    desk.tick()
    assert [b["metric"] for b in _kinds(desk, case_id, "sla_breached")] == ["first_response"]
    assert [e["level"] for e in _kinds(desk, case_id, "escalated")] == ["acknowledgement_overdue"]
    desk.respond(case_id, "We have received your complaint", actor="firm")
    clock.set(respond)
    desk.tick()
    assert [b["metric"] for b in _kinds(desk, case_id, "sla_breached")] == ["first_response"]
    clock.set(respond + SECOND)
    desk.tick()
    breaches = _kinds(desk, case_id, "sla_breached")
    assert [b["metric"] for b in breaches] == ["first_response", "resolution"]
    assert datetime.fromisoformat(breaches[1]["due_at"]) == respond


CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


def _explained(tmp_path: Path, received: str, attributes: dict[str, str]) -> dict[str, Any]:
    path = tmp_path / "complaint.json"
    path.write_text(json.dumps(_complaint(received, attributes)), encoding="utf-8")
    result = CliRunner().invoke(CLI, ["explain", str(PACK), str(path), "--json"])
    assert result.exit_code == 0, result.output
    (block,) = [b for b in json.loads(result.output)["blocks"] if b["section"] == "sla"]
    return {m["metric"]: m for m in block["metrics"]}


def test_rg271_explain_counts_to_good_friday_and_rolls_past_easter(tmp_path: Path) -> None:
    received = "2026-03-04T10:00:00+11:00"
    metrics = _explained(tmp_path, received, {})
    resolution = metrics["resolution"]
    assert datetime.fromisoformat(resolution["due_at"]) == idr_due(
        datetime.fromisoformat(received), 30
    )
    assert resolution["timezone"] == "Australia/Sydney"
    rows = {d["date"]: d for d in resolution["days"]}
    assert rows["2026-04-03"]["count"] == 30
    assert "Good Friday" in rows["2026-04-03"]["why"]
    skipped = [d["date"] for d in resolution["days"] if d["count"] is None]
    assert skipped == ["2026-04-04", "2026-04-05", "2026-04-06", "2026-04-07"]
    assert [d["date"] for d in metrics["first_response"]["days"]] == ["2026-03-05"]


def test_rg271_explain_skips_the_bank_holiday_for_the_acknowledgement_only(
    tmp_path: Path,
) -> None:
    received = "2026-07-04T10:00:00+10:00"  # Saturday; day 30 is the Bank Holiday
    metrics = _explained(tmp_path, received, {})
    at = datetime.fromisoformat(received)
    assert datetime.fromisoformat(metrics["resolution"]["due_at"]) == idr_due(at, 30)
    assert metrics["resolution"]["days"][-1] == {"date": "2026-08-03", "count": 30, "why": ""}
    metrics = _explained(tmp_path, "2026-07-31T18:00:00+10:00", {})
    counted = [(d["date"], d["count"]) for d in metrics["first_response"]["days"]]
    assert counted[-1] == ("2026-08-04", 1)
    assert datetime.fromisoformat(metrics["first_response"]["due_at"]) == acknowledgement_due(
        datetime(2026, 7, 31, 18, tzinfo=SYDNEY)
    )
