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
from complaintkit.errors import CaseEnded, IllegalTransition, InvalidInput
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


def _tick_due(desk: Desk, clock: ManualClock, until: datetime) -> None:
    """A scheduler that is never late: a tick at each deadline that falls due by ``until``."""
    while True:
        due = [
            deadline
            for case_id in desk.storage.case_ids()
            if (deadline := desk.get(case_id).next_deadline) is not None
            and clock.now() <= deadline <= until
        ]
        if not due:
            return
        clock.set(min(due))
        desk.tick(clock.now())


def _play(
    arrivals: list[tuple[int, int]], steps: list[tuple[int, int, str]], *, timely: bool = False
) -> tuple[Desk, list[datetime]]:
    """The desk after ``arrivals`` and ``steps``; with ``timely``, ticked at every deadline."""
    clock = ManualClock(START)
    desk = Desk(POLICY, storage="memory:", clock=clock)
    ids: list[str] = []
    opened: list[datetime] = []
    timeline = sorted(
        [(m, 0, n, "arrive") for n, (m, _) in enumerate(arrivals)]
        + [(m, 1, which, action) for m, which, action in steps]
    )
    for offset, _, which, action in timeline:
        at = max(START + timedelta(minutes=offset), clock.now())
        if timely:
            _tick_due(desk, clock, at)
        clock.set(at)
        if action == "arrive":
            complaint = dict(
                COMPLAINTS[arrivals[which][1]],
                external_id=f"X-{which}",
                received_at=clock.now().isoformat(),
            )
            ids.append(desk.intake(complaint).id)
            opened.append(clock.now())
        elif ids:
            with contextlib.suppress(IllegalTransition, InvalidInput, CaseEnded):
                _act(desk, ids[which % len(ids)], action, clock.now())
    if timely:
        _tick_due(desk, clock, START + timedelta(days=30))
    desk.tick(clock.now())  # the scheduler is up to date: replay assumes it ran to the end
    return desk, opened


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
    desk, opened = _play(arrivals, steps)
    result = replay_store(desk.storage, POLICY, Plugins())
    assert result.comparison.cases == len(opened)
    assert result.comparison.listed == []


@settings(max_examples=25, deadline=None)
@given(
    arrivals=st.lists(
        st.tuples(minutes, st.sampled_from(range(len(COMPLAINTS)))), min_size=1, max_size=6
    ),
    steps=st.lists(step, max_size=25),
    at=st.integers(min_value=-60, max_value=8 * 24 * 60),
)
def test_replaying_the_policy_in_force_at_any_instant_changes_no_case(
    arrivals: list[tuple[int, int]], steps: list[tuple[int, int, str]], at: int
) -> None:
    """With a scheduler that ticked on time, the store at any instant is what the policy
    made of what had happened by then: both sides as of ``--at``, cases opened by then."""
    desk, opened = _play(arrivals, steps, timely=True)
    horizon = START + timedelta(minutes=at)
    result = replay_store(desk.storage, POLICY, Plugins(), horizon=horizon)
    assert result.comparison.cases == sum(t <= horizon for t in opened)
    assert result.comparison.listed == []


def test_people_and_recorded_outcomes_are_replayed_the_policy_is_not() -> None:
    def event(kind: str, actor: str, **data: object) -> CaseEvent:
        return CaseEvent("CK-1", 2, kind, START, actor, data=dict(data))

    assert recorded(event("responded", "li.na"))
    assert recorded(event("sla_stopped", SYSTEM, clock={"recorded": True}))
    assert not recorded(event("sla_stopped", SYSTEM, clock={}))
    assert not recorded(event("assigned", SYSTEM))
    assert not recorded(event("classified", "li.na"))
