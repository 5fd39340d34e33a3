"""The HKMA pack (policies/regulatory/hkma-complaints.yaml) against deadlines worked out by
hand: Cap. 1 s. 71 days (the day of receipt excluded, 24:00 Hong Kong time on the last
day, a last day on a Sunday or general holiday moved to the next day that is not one),
over the General Holidays Ordinance's own list for 2026 to 2028 as the Government Gazette
gives it, written out below, not read from the ``holidays`` package."""

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

from complaintkit.api.status_view import customer_view
from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import Policy, load_policy

PACK = Path(__file__).parents[2] / "policies" / "regulatory" / "hkma-complaints.yaml"
HK = ZoneInfo("Asia/Hong_Kong")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
SECOND = timedelta(seconds=1)

#: General holidays other than Sundays (Cap. 149 Schedule; Gazette lists for each year).
GENERAL_HOLIDAYS = frozenset(
    date.fromisoformat(day)
    for day in (
        # 2026
        "2026-01-01", "2026-02-17", "2026-02-18", "2026-02-19", "2026-04-03", "2026-04-04",
        "2026-04-06", "2026-04-07", "2026-05-01", "2026-05-25", "2026-06-19", "2026-07-01",
        "2026-09-26", "2026-10-01", "2026-10-19", "2026-12-25", "2026-12-26",
        # 2027
        "2027-01-01", "2027-02-06", "2027-02-08", "2027-02-09", "2027-03-26", "2027-03-27",
        "2027-03-29", "2027-04-05", "2027-05-01", "2027-05-13", "2027-06-09", "2027-07-01",
        "2027-09-16", "2027-10-01", "2027-10-08", "2027-12-25", "2027-12-27",
        # 2028, to the spring
        "2028-01-01", "2028-01-26", "2028-01-27", "2028-01-28", "2028-04-04", "2028-04-14",
        "2028-04-15", "2028-04-17",
    )
)  # fmt: skip
#: The years whose list above is complete (a receipt in them is due by the end of 2028's spring).
LISTED = (datetime(2026, 1, 1, tzinfo=HK), datetime(2027, 12, 31, tzinfo=HK))


def excluded(day: date) -> bool:
    """Cap. 1 s. 71: a Sunday or a general holiday."""
    return day.weekday() == 6 or day in GENERAL_HOLIDAYS


def due(received: datetime, days: int) -> datetime:
    """24:00 Hong Kong time on the ``days``-th day after receipt, moved past excluded days."""
    last = received.astimezone(HK).date() + timedelta(days=days)
    while excluded(last):
        last += timedelta(days=1)
    return datetime.combine(last + timedelta(days=1), time(0), HK)


@cache
def pack() -> Policy:
    return load_policy(PACK)


SPECIAL = [
    date(2026, 3, 4), date(2026, 3, 28), date(2026, 3, 29), date(2026, 4, 3),
    date(2026, 10, 25), date(2026, 11, 1), date(2026, 11, 25), date(2026, 12, 2),
    date(2026, 12, 31), date(2026, 1, 27), date(2026, 9, 19), date(2027, 2, 26),
    date(2027, 3, 14), date(2027, 11, 25), date(2027, 12, 31), date(2028, 1, 30),
    date(2028, 2, 29), date(2026, 2, 16), date(2026, 6, 12),
]  # fmt: skip
TIMES = [time(0), time(8, 59), time(9), time(16, 59, 59), time(17), time(23, 59, 59),
         time(1, 30), time(2, 30), time(16), time(15, 59)]  # fmt: skip
ZONES = ["Asia/Hong_Kong", "Europe/London", "America/New_York", "UTC"]


@st.composite
def receipts(draw: st.DrawFn) -> datetime:
    """A receipt written in one of the zones: a telling wall time near a special date, or
    any minute of the years listed."""
    zone = ZoneInfo(draw(st.sampled_from(ZONES)))
    if draw(st.booleans()):
        day = draw(st.sampled_from(SPECIAL)) + timedelta(days=draw(st.integers(-1, 1)))
        return datetime.combine(day, draw(st.sampled_from(TIMES)), zone)
    start, end = LISTED
    minutes = draw(st.integers(0, int((end - start).total_seconds() // 60)))
    return (start + timedelta(minutes=minutes)).astimezone(zone)


def _complaint(received: datetime | str) -> dict[str, Any]:
    text = received if isinstance(received, str) else received.isoformat()
    return {
        "channel": "web",
        "external_id": "H-1",
        "received_at": text,
        "customer": {"id": "C-1"},
        "text": "A card fee was charged twice",
    }


def _open(received: datetime) -> tuple[Desk, ManualClock, str]:
    clock = ManualClock(received.astimezone(UTC))
    desk = Desk(pack(), clock=clock)
    return desk, clock, desk.intake(_complaint(received)).id


def _kinds(desk: Desk, case_id: str, kind: str) -> list[dict[str, Any]]:
    return [dict(e.data) for e in desk.history(case_id) if e.kind == kind]


@SETTINGS
@given(receipts())
@example(datetime(2026, 3, 4, 10, tzinfo=HK))  # day 30 is Good Friday: four days off follow
@example(datetime(2026, 3, 28, 16, 30, tzinfo=ZoneInfo("Europe/London")))  # 23:30 HK
@example(datetime(2026, 3, 29, 0, 30, tzinfo=ZoneInfo("Europe/London")))  # BST begins
@example(datetime(2028, 1, 30, 12, tzinfo=HK))  # day 30 is the leap day
@example(datetime(2026, 12, 2, 9, tzinfo=HK))  # day 30 is New Year's Day
def test_hkma_7_and_30_days_end_at_24_00_on_a_day_that_is_not_a_general_holiday(
    received: datetime,
) -> None:
    desk, clock, case_id = _open(received)
    case = desk.get(case_id)
    first, final = due(received, 7), due(received, 30)
    assert case.clocks.metrics["first_response"].due_at == first
    assert case.clocks.metrics["resolution"].due_at == final
    view = customer_view(case, desk.history(case_id), clock.now(), desk.shown_zones)
    promised = {m: datetime.fromisoformat(at) for m, at in view["promised"].items()}
    assert promised == {"first_response": first, "resolution": final}
    assert all(at.utcoffset() == timedelta(hours=8) for at in promised.values())
    clock.set(first)
    desk.tick()
    assert _kinds(desk, case_id, "sla_breached") == []
    clock.set(first + SECOND)
    desk.tick()
    breaches = _kinds(desk, case_id, "sla_breached")
    assert [b["metric"] for b in breaches] == ["first_response"]
    assert "acknowledgement_overdue" in [e["level"] for e in _kinds(desk, case_id, "escalated")]
    desk.respond(case_id, "We have received your complaint", actor="bank")
    clock.set(final)
    desk.tick()
    assert [b["metric"] for b in _kinds(desk, case_id, "sla_breached")] == ["first_response"]
    clock.set(final + SECOND)
    desk.tick()
    assert [b["metric"] for b in _kinds(desk, case_id, "sla_breached")] == [
        "first_response",
        "resolution",
    ]


def test_hkma_good_friday_2026_is_a_general_holiday_in_explain(tmp_path: Path) -> None:
    """``explain`` tells the author the day the 30 days rolled past, and when they end."""
    path = tmp_path / "complaint.json"
    path.write_text(json.dumps(_complaint("2026-03-04T10:00:00+08:00")), encoding="utf-8")
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    result = CliRunner().invoke(cli, ["explain", str(PACK), str(path), "--json"])
    assert result.exit_code == 0, result.output
    (block,) = [b for b in json.loads(result.output)["blocks"] if b["section"] == "sla"]
    metric = next(m for m in block["metrics"] if m["metric"] == "resolution")
    assert datetime.fromisoformat(metric["due_at"]) == datetime(2026, 4, 9, tzinfo=HK)
    rows = {d["date"]: d for d in metric["days"]}
    assert rows["2026-04-03"]["count"] == 30
    assert "Good Friday" in rows["2026-04-03"]["why"]  # why the last day rolls
    skipped = [d["date"] for d in metric["days"] if d["count"] is None]
    assert skipped == ["2026-04-04", "2026-04-05", "2026-04-06", "2026-04-07", "2026-04-08"]
    text = CliRunner().invoke(cli, ["explain", str(PACK), str(path)]).output
    assert "counted 2026-04-03 (day 30): holiday: Good Friday" in text


DERIVED = """\
extends: {pack}
name: hkma-dated
version: "1"
sla:
  targets:
    - first_response: {{within: 7 days, ends: end_of_day, roll: next_business_day,
                        from: complaint.attributes.date_received, pause_in: []}}
      resolution: {{within: 30 days, ends: end_of_day, roll: next_business_day,
                    from: complaint.attributes.date_received, pause_in: []}}
"""


@cache
def dated(folder: str) -> Policy:
    path = Path(folder) / "hkma-dated.yaml"
    path.write_text(DERIVED.format(pack=PACK), encoding="utf-8")
    return load_policy(path)


@SETTINGS
@given(st.dates(date(2026, 1, 1), date(2027, 12, 31)), st.integers(0, 3 * 24 * 60))
@example(date(2028, 1, 30), 0)
@example(date(2026, 3, 4), 2 * 24 * 60)
def test_hkma_a_date_only_receipt_counts_from_the_day_after_it(
    tmp_path_factory: Any, day: date, late: int
) -> None:
    """A receipt known only as a date (the letter's date stamp) is that day in Hong Kong,
    whenever and in whatever offset it was typed in."""
    folder = str(tmp_path_factory.getbasetemp())
    typed = datetime.combine(day, time(0), HK) + timedelta(minutes=late)
    clock = ManualClock(typed.astimezone(UTC))
    desk = Desk(dated(folder), clock=clock)
    complaint = {**_complaint(typed.astimezone(ZoneInfo("Europe/London")))}
    complaint["attributes"] = {"date_received": day.isoformat()}
    case = desk.intake(complaint)
    received = datetime.combine(day, time(12), HK)
    assert case.clocks.metrics["first_response"].due_at == due(received, 7)
    assert case.clocks.metrics["resolution"].due_at == due(received, 30)
