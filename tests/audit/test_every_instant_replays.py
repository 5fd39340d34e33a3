"""``cases explain --at`` replays a case's history up to an instant (``history.replay_to``):
over any honest lifecycle — the policy's version changed midway, imported cases, ticks,
several steps at one instant — the case replayed to each instant a step was taken at is the
case as stored once every step at that instant was taken, and one opened later is None."""

from __future__ import annotations

import tempfile
from datetime import datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lifecycles import START, STEP, TEXTS, play

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.history import replay_to


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(STEP, min_size=3, max_size=20))
def test_a_case_replayed_to_any_instant_is_the_case_stored_then(
    steps: list[tuple[str, Any]],
) -> None:
    clock = ManualClock(START)
    stood: dict[datetime, dict[str, dict[str, Any]]] = {}  # the last look at each instant

    def look(desk: Desk) -> None:
        stood[clock.now()] = {case.id: case.to_json() for case in desk.find()}

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/cases.db"
        play(url, [("intake", TEXTS[0]), *steps, ("tick", None)], clock, look)
        desk = Desk(storage=url, clock=clock)
        try:
            histories = {case.id: desk.storage.events(case.id) for case in desk.find()}
        finally:
            desk.storage.close()
    for instant, cases in stood.items():
        for case_id, events in histories.items():
            replayed = replay_to(events, instant)
            if case_id in cases:
                assert replayed is not None, (case_id, instant)
                assert replayed.to_json() == cases[case_id], (case_id, instant)
            elif events[0].at > instant:
                assert replayed is None, (case_id, instant)
