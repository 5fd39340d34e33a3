"""A candidate whose calendar closes one more day moves the deadline of a case still open,
and the replay says so: it reported "0 would change" and "no difference" for the case, its
events showing the later deadline. Hand computed on the CN calendar of 2026 (调休): a
complaint received Wednesday 30 September at 15:00 has 5 business days after its day of
receipt on a Monday-to-Friday week; 1-7 October is the National Day break and Saturday
10 October a make-up working day, so they are 8, 9, 10, 12 and 13 October (due 13 October
18:00), and with 9 October a holiday of the candidate's own, 8, 10, 12, 13 and 14 October."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store

CST = timezone(timedelta(hours=8))

POLICY = """\
complaintkit: 1
name: shop
version: "VERSION"
categories: {other: {label: Other}}
severities: {minor: {label: Minor}}
priorities: {normal: {label: Normal}}
teams: {care: {label: Care, default_owner: li.na}}
classification: {rules: [], default: {category: other, severity: minor, priority: normal}}
routing: {rules: [], default: {team: care}}
calendars:
  office: {timezone: Asia/Shanghai, hours: {mon-fri: ["09:00-18:00"]}, holiday_country: CN\
HOLIDAYS}
sla:
  calendar: office
  targets:
    - first_response: 8 business hours
      resolution: 5 business days
"""


def _policy(tmp_path: Path, version: str, holidays: str = "") -> Path:
    path = tmp_path / f"{version}.yaml"
    text = POLICY.replace("VERSION", version).replace("HOLIDAYS", holidays)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_deadline_the_candidate_moves_is_a_change_of_the_case(tmp_path: Path) -> None:
    clock = ManualClock(datetime(2026, 9, 30, 15, tzinfo=CST))
    desk = Desk(_policy(tmp_path, "base"), storage=f"sqlite:///{tmp_path / 'c.db'}", clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "W1",
            "received_at": clock.now().isoformat(),
            "customer": {"id": "C1"},
            "text": "The fridge does not cool",
        }
    )
    due = {metric: state.due_at for metric, state in case.clocks.metrics.items()}
    assert due == {
        "first_response": datetime(2026, 10, 8, 14, tzinfo=CST),  # 3 hours, then 5 after the break
        "resolution": datetime(2026, 10, 13, 18, tzinfo=CST),
    }
    candidate = load_policy(_policy(tmp_path, "rc1", ', holidays: ["2026-10-09"]'))
    try:
        same = replay_store(desk.storage, load_policy(_policy(tmp_path, "base")), Plugins())
        moved = replay_store(desk.storage, candidate, Plugins(), case_id=case.id)
        # an hour before the old deadline: the first response breached under both, once said
        later = replay_store(
            desk.storage, candidate, Plugins(), horizon=datetime(2026, 10, 13, 17, tzinfo=CST)
        )
    finally:
        desk.storage.close()
    assert (same.comparison.changed, same.comparison.listed) == (0, [])
    assert moved.comparison.changed == 1
    assert moved.detail is not None
    assert moved.detail.changes == [
        "resolution due 2026-10-13T18:00:00+08:00 → 2026-10-14T18:00:00+08:00"
    ]
    assert [c.changes for c in later.comparison.listed] == [
        [
            "first_response breached",
            "warnings 0 \u2192 1",
            "resolution due 2026-10-13T18:00:00+08:00 \u2192 2026-10-14T18:00:00+08:00",
        ]
    ]
