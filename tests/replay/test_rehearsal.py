"""The rehearsal's invariant: replaying the policy in force reproduces what is stored."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.demo.script import demo_policy_path, load_day
from complaintkit.desk import Desk
from complaintkit.errors import IllegalTransition, InvalidInput
from complaintkit.model.drafts import SYSTEM
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.replay.rehearsal import recorded

POLICY = load_policy(demo_policy_path())
COMPLAINTS = [entry["complaint"] for entry in load_day()["complaints"]]
START = datetime(2026, 11, 23, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
ACTIONS = ("respond", "wait", "investigate", "resolve", "close", "tick")

minutes = st.integers(min_value=0, max_value=4 * 24 * 60)
step = st.tuples(minutes, st.integers(0, 5), st.sampled_from(ACTIONS))


def _act(desk: Desk, case_id: str, action: str, at: datetime) -> None:
    if action == "tick":
        desk.tick(at)
    elif action == "respond":
        desk.respond(case_id, "on it", actor="agent")
    elif action == "wait":
        desk.transition(case_id, "waiting_on_customer", actor="agent")
    elif action == "investigate":
        desk.transition(case_id, "investigating", actor="agent")
    elif action == "resolve":
        desk.resolve(case_id, "done", actor="agent")
    else:
        desk.close(case_id, actor="agent")


@settings(max_examples=25, deadline=None)
# closed after its first-response deadline passed unticked: the level fell due while open
@example(arrivals=[(0, 0)], steps=[(0, 0, "investigate"), (0, 0, "resolve"), (121, 0, "close")])
@given(
    arrivals=st.lists(
        st.tuples(minutes, st.sampled_from(range(len(COMPLAINTS)))), min_size=1, max_size=6
    ),
    steps=st.lists(step, max_size=25),
)
def test_replaying_the_policy_in_force_changes_no_case(
    arrivals: list[tuple[int, int]], steps: list[tuple[int, int, str]]
) -> None:
    clock = ManualClock(START)
    desk = Desk(POLICY, storage="memory:", clock=clock)
    ids: list[str] = []
    timeline = sorted(
        [(m, 0, n, "arrive") for n, (m, _) in enumerate(arrivals)]
        + [(m, 1, which, action) for m, which, action in steps]
    )
    for offset, _, which, action in timeline:
        at = START + timedelta(minutes=offset)
        clock.set(max(at, clock.now()))
        if action == "arrive":
            complaint = dict(
                COMPLAINTS[arrivals[which][1]],
                external_id=f"X-{which}",
                received_at=clock.now().isoformat(),
            )
            ids.append(desk.intake(complaint).id)
        elif ids:
            with contextlib.suppress(IllegalTransition, InvalidInput):
                _act(desk, ids[which % len(ids)], action, clock.now())
    desk.tick(clock.now())  # the scheduler is up to date: replay assumes it ran to the end
    result = replay_store(desk.storage, POLICY, Plugins())
    assert result.comparison.cases == len(ids)
    assert result.comparison.listed == []


def test_people_and_recorded_outcomes_are_replayed_the_policy_is_not() -> None:
    def event(kind: str, actor: str, **data: object) -> CaseEvent:
        return CaseEvent("CK-1", 2, kind, START, actor, data=dict(data))

    assert recorded(event("responded", "li.na"))
    assert recorded(event("sla_stopped", SYSTEM, clock={"recorded": True}))
    assert not recorded(event("sla_stopped", SYSTEM, clock={}))
    assert not recorded(event("assigned", SYSTEM))
    assert not recorded(event("classified", "li.na"))
