"""Replaying the policy in force over any honest lifecycle of the audit's tests (live and
imported cases, responses, moves, reassignments, facts, root causes, compensation offered
and answered, reopenings, follow-ups, ticks) changes no case and rejects none: the same
histories ``audit verify`` passes are the ones the policy made."""

from __future__ import annotations

import tempfile
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lifecycles import START, STEP, TEXTS, loaded, play

from complaintkit.clock import ManualClock
from complaintkit.replay import replay_store
from complaintkit.storage.sqlite import SQLiteStorage

#: Every step but a policy change: replaying one policy over a history another made differs.
_ONE_POLICY = STEP.filter(lambda step: step[0] != "policy")


@example([("intake", TEXTS[0]), ("intake", TEXTS[0]), ("compensate", (0, False))])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ONE_POLICY, min_size=3, max_size=25))
def test_any_honest_lifecycle_replays_to_what_is_stored(steps: list[tuple[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/cases.db"
        # a last tick: what fell due is stored, as a scheduler ticking on time stores it
        play(url, [("intake", TEXTS[0]), *steps, ("tick", None)], ManualClock(START))
        plugins, policy, _ = loaded()
        storage = SQLiteStorage(url)
        try:
            result = replay_store(storage, policy, plugins)
            ((stored,),) = storage.execute("SELECT count(*) FROM cases")
        finally:
            storage.close()
    assert result.rejected == []
    assert result.comparison.cases == stored
    assert [case.to_json() for case in result.comparison.listed] == []
