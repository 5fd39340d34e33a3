"""Ticks stored after a case's last change: the replay fires what each fired at its
instant, as it does for the ticks between changes, so the policy in force re-runs the
stored timeline event for event (``replay --case`` shows no made-up instants).

Found by test_lifecycle_replays_on_calendar: a case nobody answered, ticked twice (the
80% warning at the first tick, the breach at the second), replayed with the warning moved
to the second tick's instant: every tick after the last change was run as one, at the end
of the stored history."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store

ROOT = Path(__file__).resolve().parents[2]
RECEIVED = datetime(2026, 9, 29, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize("store", ["memory:", "sqlite"])
@pytest.mark.parametrize("answered", [False, True])
def test_ticks_after_the_last_change_are_replayed_at_their_instants(
    tmp_path: Path, store: str, answered: bool
) -> None:
    url = store if store == "memory:" else f"sqlite:///{tmp_path / 'cases.db'}"
    clock = ManualClock(RECEIVED)
    desk = Desk(
        load_policy(ROOT / "policies" / "retail" / "supermarket.yaml"), storage=url, clock=clock
    )
    case_id = desk.intake(
        {
            "channel": "web",
            "external_id": "T-1",
            "customer": {"id": "A"},
            "text": "The staff at the checkout were rude to me",
            "received_at": RECEIVED.isoformat(),
        }
    ).id
    if answered:  # the last change comes before the ticks (then the resolution's fire)
        clock.advance(timedelta(hours=1))
        desk.respond(case_id, "抱歉", actor="li.na")
    for hours in (20, 30, 60, 100, 130, 160, 200):
        clock.set(RECEIVED + timedelta(hours=hours))
        desk.tick()
    stored = [(e.kind, e.at, e.data.get("metric")) for e in desk.history(case_id)]
    assert len({at for _, at, _ in stored}) >= 3  # ticks that fired at different instants
    detail = replay_store(desk.storage, desk.policy, Plugins(), case_id=case_id).detail
    desk.storage.close()
    assert detail is not None
    assert detail.changes == []
    assert [(e.kind, e.at, e.data.get("metric")) for e in detail.candidate_events] == stored
