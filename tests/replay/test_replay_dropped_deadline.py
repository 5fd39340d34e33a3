"""A candidate that stops timing a metric the policy in force times (or starts timing one
it does not) takes a deadline away from every case still open, or gives one: the replay
reported "0 would change", the case's detail showing the deadline on one side only. A
complaint received Monday 2 November 2026 at 10:00 in Shanghai, answered at 11:00 and
still open, has its resolution due 5 days later, 7 November 10:00."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

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
sla:
  targets:
    - first_response: 24hTARGETS
"""
RESOLUTION = "\n      resolution: 5d"


def _policy(tmp_path: Path, version: str, targets: str) -> Path:
    path = tmp_path / f"{version}.yaml"
    path.write_text(POLICY.replace("VERSION", version).replace("TARGETS", targets), "utf-8")
    return path


@pytest.mark.parametrize(
    ("stored", "candidate", "change"),
    [
        (RESOLUTION, "", "resolution due 2026-11-07T10:00:00+08:00 → (none)"),
        ("", RESOLUTION, "resolution due (none) → 2026-11-07T10:00:00+08:00"),
    ],
    ids=["dropped", "added"],
)
def test_a_deadline_only_one_policy_sets_is_a_change_of_the_case(
    tmp_path: Path, stored: str, candidate: str, change: str
) -> None:
    clock = ManualClock(datetime(2026, 11, 2, 10, tzinfo=CST))
    in_force = _policy(tmp_path, "base", stored)
    desk = Desk(in_force, storage=f"sqlite:///{tmp_path / 'c.db'}", clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "W1",
            "received_at": clock.now().isoformat(),
            "customer": {"id": "C1"},
            "text": "The fridge does not cool",
        }
    )
    clock.set(datetime(2026, 11, 2, 11, tzinfo=CST))
    desk.respond(case.id, "We are sending a technician", actor="li.na")
    try:
        same = replay_store(desk.storage, load_policy(in_force), Plugins())
        other = replay_store(
            desk.storage, load_policy(_policy(tmp_path, "rc1", candidate)), Plugins()
        )
        detail = replay_store(
            desk.storage,
            load_policy(_policy(tmp_path, "rc1", candidate)),
            Plugins(),
            case_id=case.id,
        ).detail
    finally:
        desk.storage.close()
    assert (same.comparison.changed, same.comparison.listed) == (0, [])
    assert [c.changes for c in other.comparison.listed] == [[change]]
    assert detail is not None
    assert detail.changes == [change]
