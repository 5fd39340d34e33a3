"""A clock that ends up in another state under the candidate — paused where the policy in
force keeps it running, met where it stays paused, cancelled where the policy in force
counts it met — is a change of the case: the replay reported "0 would change" (or a
deadline "→ (none)", as for a metric no longer timed), so a candidate that takes a
withdrawal out of a regulator's acceptance period looked harmless. A complaint received
Monday 2 November 2026 at 10:00 in Shanghai, its acceptance period 7 days (9 November
10:00)."""

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
  metrics:
    acceptance: {start: [opened], stop: [STOP], pause_in: [PAUSE]}
  targets:
    - acceptance: 7d
"""


def _policy(tmp_path: Path, version: str, stop: str, pause: str) -> Path:
    path = tmp_path / f"{version}.yaml"
    text = POLICY.replace("VERSION", version).replace("STOP", stop).replace("PAUSE", pause)
    path.write_text(text, "utf-8")
    return path


CASES = [
    # (in force: stop, pause_in), (candidate: stop, pause_in), the move, the change
    (
        ("investigating", ""),
        ("investigating", "waiting_on_customer"),
        "waiting_on_customer",
        "acceptance due 2026-11-09T10:00:00+08:00 → paused",
    ),
    (
        ("investigating", "waiting_on_customer"),
        ("investigating, waiting_on_customer", "waiting_on_customer"),
        "waiting_on_customer",
        "acceptance paused → met",
    ),
    (
        ("investigating, withdrawn", ""),
        ("investigating", ""),
        "withdrawn",
        "acceptance met → cancelled",
    ),
]


@pytest.mark.parametrize(
    ("stored", "candidate", "move", "change"),
    CASES,
    ids=["running-paused", "paused-met", "met-cancelled"],
)
def test_a_clock_in_another_state_is_a_change_of_the_case(
    tmp_path: Path,
    stored: tuple[str, str],
    candidate: tuple[str, str],
    move: str,
    change: str,
) -> None:
    clock = ManualClock(datetime(2026, 11, 2, 10, tzinfo=CST))
    in_force = _policy(tmp_path, "base", *stored)
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
    desk.transition(case.id, "acknowledged", actor="li.na")
    desk.transition(case.id, move, actor="li.na", reason="asked for the receipt")
    rc1 = load_policy(_policy(tmp_path, "rc1", *candidate))
    try:
        same = replay_store(desk.storage, load_policy(in_force), Plugins())
        other = replay_store(desk.storage, rc1, Plugins())
        detail = replay_store(desk.storage, rc1, Plugins(), case_id=case.id).detail
    finally:
        desk.storage.close()
    assert (same.comparison.changed, same.comparison.listed) == (0, [])
    assert [c.changes for c in other.comparison.listed] == [[change]]
    assert detail is not None
    assert detail.changes == [change]
    assert detail.current.to_json()["clocks"] != detail.candidate.to_json()["clocks"]
