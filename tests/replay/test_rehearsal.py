"""The rehearsal's invariant: replaying the policy in force reproduces what is stored,
whatever people did (on a memory or SQLite store), imports and compensation included."""

from __future__ import annotations

import contextlib
import tempfile
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.demo.script import demo_policy_path, load_day
from complaintkit.desk import Desk
from complaintkit.errors import (
    CaseEnded,
    FollowUpLocked,
    IllegalTransition,
    InvalidInput,
    StepsMissing,
)
from complaintkit.model.drafts import SYSTEM
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.replay.rehearsal import recorded

POLICY = load_policy(demo_policy_path())
#: What the Desk refuses, storing nothing: a random step may ask for any of these.
REFUSALS = (IllegalTransition, InvalidInput, CaseEnded, FollowUpLocked, StepsMissing)
COMPLAINTS = [entry["complaint"] for entry in load_day()["complaints"]]
START = datetime(2026, 11, 23, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
STATUSES = ("waiting_on_customer", "waiting_on_third_party", "investigating", "withdrawn")
ACTIONS = (
    *("respond", "update", "resolve", "close", "reopen", "reject", "follow_up", "tick"),
    *("assign", "note", "propose", "approve", "decline_approval", "offer", "accept", "decline"),
    *STATUSES,
)
#: What an imported complaint's ``history`` records, hours after its receipt 3 days back.
RECORDS = ("open", "answered late", "closed", "withdrawn")

minutes = st.integers(min_value=0, max_value=4 * 24 * 60)
step = st.tuples(minutes, st.integers(0, 5), st.sampled_from(ACTIONS))
arrival = st.tuples(minutes, st.sampled_from(range(len(COMPLAINTS))))
imports = st.dictionaries(st.integers(0, 5), st.sampled_from(RECORDS), max_size=2)
STORES = pytest.mark.parametrize("store", ["memory", "sqlite"])


def _act(desk: Desk, case_id: str, action: str, at: datetime) -> None:
    if action == "tick":
        desk.tick(at)
    elif action in ("respond", "update"):
        getattr(desk, action)(case_id, "on it", actor="agent")
    elif action in STATUSES:
        desk.transition(case_id, action, actor="agent", reason="asked")
    elif action == "resolve":
        desk.resolve(case_id, "done", actor="agent")
    elif action == "close":
        desk.close(case_id, actor="agent")
    elif action == "reopen":
        desk.reopen(case_id, actor="agent", reason="the customer called again")
    elif action == "reject":
        desk.transition(case_id, "rejected", actor="agent", reason="not ours")
    elif action == "follow_up":
        desk.follow_up(case_id, 4, actor="agent")
    elif action == "assign":
        desk.assign(case_id, owner="qa.zhou", actor="agent")
    elif action == "note":
        desk.note(case_id, "called the store", actor="agent")
    else:
        _compensate(desk, case_id, action)


def _compensate(desk: Desk, case_id: str, action: str) -> None:
    if action == "propose":
        desk.propose_compensation(case_id, actor="agent")
        return
    entries = desk.get(case_id).compensation
    last = entries[-1]["id"] if entries else "comp-1"
    if action == "approve":
        desk.approve_compensation(case_id, last, role="store_manager", actor="wang.fang")
    elif action == "decline_approval":
        desk.reject_compensation(
            case_id, last, role="store_manager", actor="wang.fang", reason="no"
        )
    elif action == "offer":
        desk.offer_compensation(case_id, last, actor="agent")
    else:
        answer = desk.accept_compensation if action == "accept" else desk.decline_compensation
        answer(case_id, last, actor="customer")


def _recorded(record: str, received: datetime) -> dict[str, object]:
    def hours(n: int) -> str:
        return (received + timedelta(hours=n)).isoformat()

    if record == "open":
        return {"status": "investigating", "first_response_at": hours(1)}
    if record == "answered late":  # after the deadlines fell due, unticked until then
        return {"status": "investigating", "first_response_at": hours(50), "owner": "li.na"}
    if record == "closed":
        return {"status": "closed", "first_response_at": hours(1), "closed_at": hours(5),
                "sla": {"first_response": "yes"}}  # fmt: skip
    return {"status": "withdrawn"}


def _complaint(n: int, which: int, at: datetime, record: str | None) -> dict[str, object]:
    complaint = dict(COMPLAINTS[which], external_id=f"X-{n}", received_at=at.isoformat())
    if record is not None:  # imported: received three days back, with what happened since
        received = at - timedelta(days=3)
        complaint.update(received_at=received.isoformat(), history=_recorded(record, received))
    return complaint


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
    store: str,
    arrivals: list[tuple[int, int]],
    steps: list[tuple[int, int, str]],
    imported: dict[int, str] | None = None,
    *,
    timely: bool = False,
) -> tuple[Desk, list[datetime]]:
    """The desk after ``arrivals`` (``imported`` ones with a recorded history) and
    ``steps``; with ``timely``, ticked at every deadline."""
    clock = ManualClock(START)
    url = "memory:" if store == "memory" else f"sqlite:///{tempfile.mkdtemp()}/cases.db"
    desk = Desk(POLICY, storage=url, clock=clock)
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
            record = (imported or {}).get(which)
            case = desk.intake(_complaint(which, arrivals[which][1], clock.now(), record))
            ids.append(case.id)
            opened.append(case.opened_at)
        elif ids:
            with contextlib.suppress(*REFUSALS):
                _act(desk, ids[which % len(ids)], action, clock.now())
    if timely:
        _tick_due(desk, clock, START + timedelta(days=30))
    desk.tick(clock.now())  # the scheduler is up to date: replay assumes it ran to the end
    return desk, opened


@STORES
@settings(max_examples=25, deadline=None)
# closed after its first-response deadline passed unticked: the level fell due while open
@example(
    arrivals=[(0, 0)],
    steps=[(0, 0, "investigate"), (0, 0, "resolve"), (121, 0, "close")],
    imported={},
)
# reassigned at the instant of a change whose escalation reassigned it: the person's stands
@example(arrivals=[(0, 0)], steps=[(481, 0, "respond"), (481, 1, "assign")], imported={})
# ... and at the instant of a tick that did
@example(arrivals=[(0, 0)], steps=[(481, 0, "tick"), (481, 1, "assign")], imported={})
# imported closed, reopened here: the reopened case's clocks run
@example(arrivals=[(0, 0), (96, 0)], steps=[(0, 0, "reopen")], imported={0: "closed"})
@given(
    arrivals=st.lists(arrival, min_size=1, max_size=6),
    steps=st.lists(step, max_size=25),
    imported=imports,
)
def test_replaying_the_policy_in_force_changes_no_case(
    store: str,
    arrivals: list[tuple[int, int]],
    steps: list[tuple[int, int, str]],
    imported: dict[int, str],
) -> None:
    desk, opened = _play(store, arrivals, steps, imported)
    result = replay_store(desk.storage, POLICY, Plugins())
    desk.storage.close()
    assert result.comparison.cases == len(opened)
    assert result.comparison.listed == []
    assert result.rejected == []


@STORES
@settings(max_examples=25, deadline=None)
@given(
    arrivals=st.lists(arrival, min_size=1, max_size=6),
    steps=st.lists(step, max_size=25),
    at=st.integers(min_value=-60, max_value=8 * 24 * 60),
)
def test_replaying_the_policy_in_force_at_any_instant_changes_no_case(
    store: str, arrivals: list[tuple[int, int]], steps: list[tuple[int, int, str]], at: int
) -> None:
    """With a scheduler that ticked on time, the store at any instant is what the policy
    made of what had happened by then: both sides as of ``--at``, cases opened by then."""
    desk, opened = _play(store, arrivals, steps, timely=True)
    horizon = START + timedelta(minutes=at)
    result = replay_store(desk.storage, POLICY, Plugins(), horizon=horizon)
    desk.storage.close()
    assert result.comparison.cases == sum(t <= horizon for t in opened)
    assert result.comparison.listed == []


def test_people_and_recorded_outcomes_are_replayed_the_policy_is_not() -> None:
    def event(kind: str, actor: str, **data: object) -> CaseEvent:
        return CaseEvent("CK-1", 2, kind, START, actor, data=dict(data))

    assert recorded(event("responded", "li.na"))
    assert recorded(event("sla_stopped", SYSTEM, clock={"recorded": True}, imported=True))
    # the policy resuming (then stopping) a recorded clock after a reopening here
    assert not recorded(event("sla_stopped", SYSTEM, clock={"recorded": True}))
    assert not recorded(event("sla_stopped", SYSTEM, clock={}))
    assert not recorded(event("assigned", SYSTEM))
    assert not recorded(event("classified", "li.na"))
