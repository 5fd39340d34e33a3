"""Random sequences of every kind of step on a case — moves, resolve, reopen, close,
replies, compensation proposed, approved, rejected, offered, answered, and SLA ticks —
keep its invariants: a closed case has its resolution, the version rises by one per stored
event, the hash chain holds, nothing stored is lost or rewritten, a refused step stores
nothing, an illegal move names the case and both states, and no proposal is approved by
its proposer or twice by one person."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from tempfile import TemporaryDirectory

import attrs
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.desk import Desk
from complaintkit.errors import ComplaintkitError, IllegalTransition
from complaintkit.model.audit import verify_chain
from complaintkit.model.history import replay
from complaintkit.model.lifecycle import Status
from complaintkit.model.money import Money
from complaintkit.model.same_person import same_person
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.testing.storage_contract import make_complaint

SECTION = {
    "currency": "CNY",
    "rules": [
        {
            "id": "goodwill",
            "when": {"field": "voucher", "exists": True},
            "remedies": [{"kind": "voucher", "amount": {"percent": 100, "of": "voucher"}}],
        },
    ],
    "approvals": [{"above": 300, "role": "supervisor"}, {"above": 1000, "role": "finance"}],
}
ACTORS = st.sampled_from(["li.na", "LI.NA", "王芳", "qa.zhou"])
COMPENSATION_IDS = st.sampled_from(["comp-1", "comp-2", "comp-3"])


@attrs.frozen
class CompensatingPolicy(EmptyPolicy):
    compensation: CompensationPolicy | None = None


class EveryStep(RuleBasedStateMachine):
    storage = "memory:"

    @initialize()
    def open_case(self) -> None:
        self.tmp = TemporaryDirectory()
        url = self.storage
        if url != "memory:":
            url = f"sqlite:///{self.tmp.name}/c.db?synchronous=off"
        self.clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
        policy = CompensatingPolicy(compensation=compile_section(SECTION))
        self.desk = Desk(policy, storage=url, clock=self.clock)
        self.case_id = self.desk.intake(make_complaint("machine")).id
        self.seen = self.desk.history(self.case_id)

    def teardown(self) -> None:
        if hasattr(self, "desk"):
            self.desk.storage.close()
            self.tmp.cleanup()

    def step(self, action: object) -> None:
        """Run ``action``: refused, it stores nothing; done, it only appends events."""
        before = self.desk.history(self.case_id)
        self.clock.advance(timedelta(minutes=13))
        refused: ComplaintkitError | None = None
        try:
            action()  # type: ignore[operator]
        except ComplaintkitError as exc:
            refused = exc
        if refused is not None:
            assert self.desk.history(self.case_id) == before
        if isinstance(refused, IllegalTransition):
            said = str(refused)
            assert [n in said for n in (self.case_id, refused.source, refused.target)] == [True] * 3

    @rule(to=st.sampled_from(list(Status)), actor=ACTORS)
    def move(self, to: Status, actor: str) -> None:
        self.step(lambda: self.desk.transition(self.case_id, to, actor=actor, reason="因为"))

    @rule(actor=ACTORS, text=st.sampled_from(["退款 100 元", "换货", " "]))
    def resolve(self, actor: str, text: str) -> None:
        self.step(lambda: self.desk.resolve(self.case_id, text, actor=actor))

    @rule(actor=ACTORS)
    def close(self, actor: str) -> None:
        self.step(lambda: self.desk.close(self.case_id, actor=actor, reason="done"))

    @rule(actor=ACTORS)
    def reopen(self, actor: str) -> None:
        self.step(lambda: self.desk.reopen(self.case_id, actor=actor, reason="客户不满意"))

    @rule(actor=ACTORS, update=st.booleans())
    def answer(self, actor: str, update: bool) -> None:
        act = self.desk.update if update else self.desk.respond
        self.step(lambda: act(self.case_id, "好", actor=actor))

    @rule(actor=ACTORS, score=st.integers(1, 5))
    def follow_up(self, actor: str, score: int) -> None:
        self.step(lambda: self.desk.follow_up(self.case_id, score, actor=actor))

    @rule(actor=ACTORS, amount=st.sampled_from(["100", "400", "1200"]))
    def propose(self, actor: str, amount: str) -> None:
        facts = {"voucher": Money(amount, "CNY")}
        self.step(lambda: self.desk.propose_compensation(self.case_id, facts, actor=actor))

    @rule(
        actor=ACTORS,
        comp=COMPENSATION_IDS,
        role=st.sampled_from(["supervisor", "finance"]),
        approve=st.booleans(),
    )
    def judge(self, actor: str, comp: str, role: str, approve: bool) -> None:
        if approve:
            self.step(
                lambda: self.desk.approve_compensation(self.case_id, comp, role=role, actor=actor)
            )
        else:
            self.step(
                lambda: self.desk.reject_compensation(
                    self.case_id, comp, role=role, actor=actor, reason="太多"
                )
            )

    @rule(actor=ACTORS, comp=COMPENSATION_IDS)
    def offer(self, actor: str, comp: str) -> None:
        self.step(lambda: self.desk.offer_compensation(self.case_id, comp, actor=actor))

    @rule(comp=COMPENSATION_IDS, accept=st.booleans())
    def customer_answers(self, comp: str, accept: bool) -> None:
        answer = self.desk.accept_compensation if accept else self.desk.decline_compensation
        self.step(lambda: answer(self.case_id, comp, actor="customer"))

    @rule(hours=st.integers(1, 200))
    def tick(self, hours: int) -> None:
        self.clock.advance(timedelta(hours=hours))
        self.step(self.desk.tick)

    @invariant()
    def case_keeps_its_invariants(self) -> None:
        if not hasattr(self, "desk"):
            return
        stored = self.desk.get(self.case_id)
        history = self.desk.history(self.case_id)
        assert history[: len(self.seen)] == self.seen, "a stored event was lost or rewritten"
        self.seen = history
        assert verify_chain(self.case_id, history) is None
        assert [event.seq for event in history] == list(range(1, len(history) + 1))
        assert stored.version == len(history)
        rebuilt = replay(history)
        assert (rebuilt.status, rebuilt.version, rebuilt.last_hash) == (
            stored.status,
            stored.version,
            stored.last_hash,
        )
        if stored.status is Status.CLOSED:
            assert (stored.resolution or "").strip(), "a closed case without its resolution"
        for entry in stored.compensation:
            proposer = next(
                e.actor
                for e in history
                if e.kind == "compensation_proposed" and e.data["id"] == entry["id"]
            )
            approvers = [a["by"] for a in entry["approvals"]]
            assert not any(same_person(proposer, by) for by in approvers)
            for i, one in enumerate(approvers):
                assert not any(same_person(one, other) for other in approvers[i + 1 :])


class SQLiteEveryStep(EveryStep):
    storage = "sqlite"


@pytest.mark.parametrize("machine", [EveryStep, SQLiteEveryStep])
def test_any_sequence_of_steps_keeps_the_case_invariants(machine: type[EveryStep]) -> None:
    machine.TestCase.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
    machine.TestCase().runTest()
