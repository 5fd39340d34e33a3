"""Any sequence of agents' actions on one case, legal or not: a legal move is made, an
illegal one is refused with nothing stored, and the stored case is always what its history
replays to (every backend)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import (
    CaseEnded,
    FollowUpLocked,
    IllegalTransition,
    InvalidInput,
    StepsMissing,
)
from complaintkit.model.history import replay
from complaintkit.model.lifecycle import SOLVED, TERMINAL, TRANSITIONS, Status
from complaintkit.testing.storage_contract import make_complaint

REFUSALS = (IllegalTransition, FollowUpLocked, CaseEnded, InvalidInput, StepsMissing)
ACTORS = st.sampled_from(["li.na", "王芳", "qa.zhou"])
GATED = """
complaintkit: 1
name: gated
version: "1"
categories: {other: {label: 其他}}
severities: {minor: {label: 一般}}
priorities: {normal: {label: 一般}}
classification:
  - rules: []
    default: {category: other, severity: minor, priority: normal}
routing: {rules: [], default: {owner: chen.jing}}
gates:
  - {id: follow-up-before-close, to: [closed], require: [satisfaction]}
"""


class CaseLifecycle(RuleBasedStateMachine):
    storage = "memory:"
    gated = False

    @initialize()
    def open_case(self) -> None:
        self.tmp = TemporaryDirectory()
        # a scratch file: commits need not wait for the disk (no crash is tested here)
        scratch = f"sqlite:///{self.tmp.name}/c.db?synchronous=off"
        url = self.storage if self.storage == "memory:" else scratch
        self.clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
        policy = None
        if self.gated:
            policy = Path(self.tmp.name) / "gated.yaml"
            policy.write_text(GATED, encoding="utf-8")
        self.desk = Desk(policy, storage=url, clock=self.clock)
        self.case_id = self.desk.intake(make_complaint("machine")).id
        self.status = Status.RECEIVED
        self.visited = False

    def teardown(self) -> None:
        self.desk.storage.close()
        self.tmp.cleanup()

    def attempt(self, legal: bool, action: object) -> bool:
        """Run ``action``; a legal one must pass, an illegal one must store nothing."""
        before = self.desk.history(self.case_id)
        self.clock.advance(timedelta(minutes=7))
        try:
            action()  # type: ignore[operator]
        except REFUSALS:
            assert not legal, "a legal action was refused"
            assert self.desk.history(self.case_id) == before
            return False
        assert legal, "an illegal action was accepted"
        return True

    @rule(to=st.sampled_from(list(Status)), actor=ACTORS)
    def move(self, to: Status, actor: str) -> None:
        target = to
        if target is Status.RESOLVED:
            return
        legal = target in TRANSITIONS[self.status]
        if target is Status.CLOSED and self.gated and not self.visited:
            legal = False  # the gate asks for the follow-up visit first
        if self.attempt(
            legal, lambda: self.desk.transition(self.case_id, target, actor=actor, reason="因为")
        ):
            self.status = target
            if target is Status.REOPENED:
                self.visited = False

    @rule(actor=ACTORS)
    def resolve(self, actor: str) -> None:
        legal = Status.RESOLVED in TRANSITIONS[self.status]
        if self.attempt(legal, lambda: self.desk.resolve(self.case_id, "退款", actor=actor)):
            self.status, self.visited = Status.RESOLVED, False

    @rule(actor=ACTORS, update=st.booleans())
    def answer(self, actor: str, update: bool) -> None:
        act = self.desk.update if update else self.desk.respond
        if self.attempt(self.status not in TERMINAL, lambda: act(self.case_id, "好", actor=actor)):
            if not update and self.status is Status.RECEIVED:
                self.status = Status.ACKNOWLEDGED
            elif not update and self.status is Status.REOPENED:
                self.status = Status.INVESTIGATING

    @rule(actor=ACTORS)
    def note(self, actor: str) -> None:
        self.attempt(True, lambda: self.desk.note(self.case_id, "内部\n备注", actor=actor))

    @rule(actor=ACTORS, owner=ACTORS)
    def assign(self, actor: str, owner: str) -> None:
        legal = self.status not in TERMINAL  # a closed case is reopened first
        self.attempt(legal, lambda: self.desk.assign(self.case_id, owner, actor=actor))

    @rule(actor=ACTORS, score=st.integers(1, 5))
    def follow_up(self, actor: str, score: int) -> None:
        legal = self.status in SOLVED - {Status.CLOSED} and not self.visited
        if self.attempt(legal, lambda: self.desk.follow_up(self.case_id, score, actor=actor)):
            self.status, self.visited = Status.FOLLOW_UP, True

    @invariant()
    def stored_case_is_its_history_replayed(self) -> None:
        if not hasattr(self, "desk"):
            return
        stored = self.desk.get(self.case_id)
        history = self.desk.history(self.case_id)
        assert stored.status is self.status
        assert stored.version == len(history) == history[-1].seq
        rebuilt = replay(history)
        assert (rebuilt.status, rebuilt.version, rebuilt.last_hash) == (
            stored.status,
            stored.version,
            stored.last_hash,
        )
        assert (stored.satisfaction is not None) == self.visited


class SQLiteCaseLifecycle(CaseLifecycle):
    storage = "sqlite"


class GatedCaseLifecycle(SQLiteCaseLifecycle):
    gated = True


@pytest.mark.parametrize("machine", [CaseLifecycle, SQLiteCaseLifecycle, GatedCaseLifecycle])
def test_any_sequence_of_actions_keeps_the_case_and_its_history_in_step(
    machine: type[CaseLifecycle],
) -> None:
    machine.TestCase.settings = settings(max_examples=40, stateful_step_count=25, deadline=None)
    machine.TestCase().runTest()
