"""Many cases under the demo policy, worked on in memory and in a SQLite file at once by
the same random operations (intake, duplicates, replies, moves, assignment, custom events,
compensation, follow-up, ticks at later instants, the clock stepping over days): a refused
operation changes nothing, every case is what its history replays to, the audit finds
nothing, money never goes negative, no escalation level fires twice, deadlines are aware
and never before receipt, and both stores hold the same cases."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import complaintkit.demo
from complaintkit.audit import verify_store
from complaintkit.audit.records import Auditable
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import ComplaintkitError, IllegalTransition, InvalidInput
from complaintkit.model.case import Case
from complaintkit.model.history import replay
from complaintkit.model.lifecycle import TRANSITIONS, Status
from complaintkit.policy.compiled import load_policy

POLICY = load_policy(Path(complaintkit.demo.__file__).parent / "policy.yaml")
START = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)  # a Friday
TEXTS = st.sampled_from(
    [
        "快递三天没到 / parcel is late",
        "收银员态度差",
        "买到的牛奶过期了",
        "价格标签不对",
        "其他问题",
    ]
)
ACTORS = st.sampled_from(["li.na", "qa.zhou", "zhang.wei"])
#: What differs between two stores given the same operations: random ids and tokens, and
#: the hash chain that covers them.
RANDOM_FIELDS = ("id", "status_token", "last_hash")


def comparable(case: Case, number: int) -> Any:
    """The case's body with its random parts left out and its id, wherever the body
    repeats it, written as its number."""
    body = case.to_json()
    for name in RANDOM_FIELDS:
        body.pop(name, None)
    return json.loads(json.dumps(body, ensure_ascii=False).replace(case.id, f"case-{number}"))


def events_fired(desk: Desk, case_id: str) -> list[tuple[str, str]]:
    return [
        (event.data["ladder"], event.data["level"])
        for event in desk.history(case_id)
        if event.kind == "escalated"
    ]


class ManyCases(RuleBasedStateMachine):
    @initialize()
    def open_desks(self) -> None:
        self.tmp = TemporaryDirectory()
        self.clock = ManualClock(START)
        self.desks = [
            Desk(POLICY, storage="memory:", clock=self.clock),
            # a scratch file: commits need not wait for the disk (no crash is tested here)
            Desk(
                POLICY,
                storage=f"sqlite:///{self.tmp.name}/cases.db?synchronous=off",
                clock=self.clock,
            ),
        ]
        #: per complaint: its case id in each store
        self.cases: list[list[str]] = []
        self.complaints: list[dict[str, Any]] = []

    def teardown(self) -> None:
        if hasattr(self, "desks"):
            for desk in self.desks:
                desk.storage.close()
            self.tmp.cleanup()

    def each(
        self,
        index: int,
        legal: bool | None,
        act: Callable[[Desk, str], object],
        refusal: type[ComplaintkitError] = ComplaintkitError,
    ) -> None:
        """Do ``act`` on case ``index`` in every store: all succeed or all refuse alike,
        a refusal storing nothing; ``legal`` (when known) says which it must be, and
        ``refusal`` what an illegal one raises. A case a tick given a later instant moved
        refuses any change stamped before it (``InvalidInput``), legal or not."""
        if self.desks[0].get(self.cases[index][0]).updated_at > self.clock.now():
            legal, refusal = (None if legal is None else False), InvalidInput
        outcomes, refusals = [], []
        for desk, case_id in zip(self.desks, self.cases[index], strict=True):
            before = (desk.history(case_id), desk.get(case_id))
            try:
                act(desk, case_id)
            except ComplaintkitError as refused:
                assert (desk.history(case_id), desk.get(case_id)) == before
                outcomes.append(type(refused).__name__)
                refusals.append(refused)
            else:
                outcomes.append("done")
        assert outcomes[0] == outcomes[1], outcomes
        if legal is not None:
            assert (outcomes[0] == "done") == legal, outcomes
        assert all(isinstance(refused, refusal) for refused in refusals), refusals

    def status(self, index: int) -> Status:
        return self.desks[0].get(self.cases[index][0]).status

    @rule(text=TEXTS, tier=st.sampled_from(["normal", "gold"]), customer=st.integers(1, 3))
    def intake(self, text: str, tier: str, customer: int) -> None:
        complaint = {
            "channel": "web",
            "external_id": f"x{len(self.complaints)}",
            "received_at": (self.clock.now() - timedelta(minutes=5)).isoformat(),
            "customer": {"id": f"C{customer}", "tier": tier},
            "text": text,
        }
        self.complaints.append(complaint)
        self.cases.append([desk.intake(complaint).id for desk in self.desks])

    @rule(data=st.data())
    def intake_again(self, data: st.DataObject) -> None:
        if not self.complaints:
            return
        index = data.draw(st.integers(0, len(self.complaints) - 1))
        for desk, case_id in zip(self.desks, self.cases[index], strict=True):
            count = len(desk.history(case_id))
            assert desk.intake(self.complaints[index]).id == case_id
            assert len(desk.history(case_id)) == count

    def some_case(self, data: st.DataObject) -> int | None:
        if not self.cases:
            return None
        return data.draw(st.integers(0, len(self.cases) - 1))

    @rule(data=st.data(), to=st.sampled_from(list(Status)), actor=ACTORS)
    def move(self, data: st.DataObject, to: Status, actor: str) -> None:
        index = self.some_case(data)
        if index is None or to in (Status.RESOLVED, Status.CLOSED, Status.FOLLOW_UP):
            return
        legal = to in TRANSITIONS[self.status(index)]
        move = lambda d, c: d.transition(c, to, actor=actor, reason="因为")  # noqa: E731
        self.each(index, legal, move, IllegalTransition)

    @rule(data=st.data(), actor=ACTORS, update=st.booleans())
    def answer(self, data: st.DataObject, actor: str, update: bool) -> None:
        index = self.some_case(data)
        if index is not None:
            self.each(
                index,
                None,
                lambda d, c: (d.update if update else d.respond)(c, "好的", actor=actor),
            )

    @rule(data=st.data(), owner=ACTORS)
    def assign(self, data: st.DataObject, owner: str) -> None:
        index = self.some_case(data)
        if index is not None:
            self.each(index, None, lambda d, c: d.assign(c, owner, actor="zhang.wei"))

    @rule(data=st.data(), name=st.sampled_from(["holding_reply", "called_back"]))
    def custom(self, data: st.DataObject, name: str) -> None:
        index = self.some_case(data)
        if index is not None:
            self.each(index, None, lambda d, c: d.record_event(c, name, actor="li.na"))

    @rule(data=st.data())
    def resolve(self, data: st.DataObject) -> None:
        index = self.some_case(data)
        if index is not None:
            legal = Status.RESOLVED in TRANSITIONS[self.status(index)]
            resolve = lambda d, c: d.resolve(c, "已退款", actor="li.na")  # noqa: E731
            self.each(index, legal, resolve, IllegalTransition)

    @rule(data=st.data(), score=st.integers(1, 5))
    def advance(self, data: st.DataObject, score: int) -> None:
        """The next ordinary step of a case, so that runs reach its later statuses."""
        index = self.some_case(data)
        if index is None:
            return
        status = self.status(index)
        steps: dict[Status, Callable[[Desk, str], object]] = {
            Status.RECEIVED: lambda d, c: d.respond(c, "已收到", actor="li.na"),
            Status.RESOLVED: lambda d, c: d.follow_up(c, score, actor="qa.zhou"),
            Status.FOLLOW_UP: lambda d, c: d.close(c, actor="li.na"),
            Status.CLOSED: lambda d, c: d.reopen(c, actor="li.na", reason="客户不满"),
        }
        step = steps.get(status, lambda d, c: d.resolve(c, "已退款", actor="li.na"))
        if status not in (Status.REJECTED, Status.WITHDRAWN):
            self.each(index, True, step)

    @rule(data=st.data())
    def close(self, data: st.DataObject) -> None:
        index = self.some_case(data)
        if index is not None:
            self.each(index, None, lambda d, c: d.close(c, actor="li.na", reason="结案"))

    @rule(data=st.data())
    def reopen(self, data: st.DataObject) -> None:
        index = self.some_case(data)
        if index is not None:
            legal = Status.REOPENED in TRANSITIONS[self.status(index)]
            reopen = lambda d, c: d.reopen(c, actor="li.na", reason="客户不满")  # noqa: E731
            self.each(index, legal, reopen, IllegalTransition)

    @rule(data=st.data(), score=st.integers(1, 5))
    def follow_up(self, data: st.DataObject, score: int) -> None:
        index = self.some_case(data)
        if index is not None:
            self.each(index, None, lambda d, c: d.follow_up(c, score, actor="qa.zhou"))

    @rule(data=st.data())
    def propose(self, data: st.DataObject) -> None:
        index = self.some_case(data)
        if index is not None:
            facts = {"price": {"amount": "12.50", "currency": "CNY"}}
            self.each(index, None, lambda d, c: d.propose_compensation(c, facts, actor="li.na"))

    @rule(data=st.data(), step=st.sampled_from(["approve", "reject", "offer", "accept", "decline"]))
    def compensation_step(self, data: st.DataObject, step: str) -> None:
        index = self.some_case(data)
        if index is None:
            return
        entries = self.desks[0].get(self.cases[index][0]).compensation
        if not entries:
            return
        comp = data.draw(st.sampled_from([entry["id"] for entry in entries]))
        steps: dict[str, Callable[[Desk, str], object]] = {
            "approve": lambda d, c: d.approve_compensation(
                c, comp, role="store_manager", actor="wang.fang"
            ),
            "reject": lambda d, c: d.reject_compensation(
                c, comp, role="store_manager", actor="wang.fang", reason="太多"
            ),
            "offer": lambda d, c: d.offer_compensation(c, comp, actor="li.na"),
            "accept": lambda d, c: d.accept_compensation(c, comp, actor="customer"),
            "decline": lambda d, c: d.decline_compensation(c, comp, actor="customer"),
        }
        self.each(index, None, steps[step])

    @rule(minutes=st.sampled_from([7, 95, 60 * 13, 60 * 24, 60 * 24 * 2 + 11]))
    def time_passes(self, minutes: int) -> None:
        self.clock.advance(timedelta(minutes=minutes))

    @rule(ahead=st.sampled_from([0, 0, 30, 60 * 5]))
    def tick(self, ahead: int) -> None:
        if ahead:
            self.clock.advance(timedelta(minutes=ahead))
        reports = [desk.tick() for desk in self.desks]
        assert [len(report.failed) for report in reports] == [0, 0], reports

    @rule(days=st.integers(1, 9))
    def tick_at_a_later_instant(self, days: int) -> None:
        """A simulation's sweep: what falls due by then is recorded as having happened."""
        later = self.clock.now() + timedelta(days=days, minutes=1)
        reports = [desk.tick(later) for desk in self.desks]
        assert [len(report.failed) for report in reports] == [0, 0], reports

    @invariant()
    def every_case_is_sound(self) -> None:
        if not hasattr(self, "desks"):
            return
        for desk in self.desks:
            for case_id in [ids[self.desks.index(desk)] for ids in self.cases]:
                stored, history = desk.get(case_id), desk.history(case_id)
                assert replay(history).to_json() == stored.to_json()
                fired = events_fired(desk, case_id)
                assert len(fired) == len(set(fired)), fired
                received = min(c.received_at for c in stored.complaints)
                dues = [clock.due_at for clock in stored.clocks.metrics.values()]
                for due in [*dues, stored.next_deadline]:
                    if due is not None:
                        assert due.utcoffset() is not None
                        assert due >= received, (due, received)
                for entry in stored.compensation:
                    money_is_sound(entry)
            if isinstance(desk.storage, Auditable):  # memory keeps no ledger
                with desk.storage.audit_snapshot() as snapshot:
                    assert verify_store(snapshot, None).findings == []

    def teardown_compare(self) -> None:
        """Both stores hold the same cases, apart from their random ids."""
        for number, (memory_id, sqlite_id) in enumerate(self.cases):
            memory = comparable(self.desks[0].get(memory_id), number)
            sqlite = comparable(self.desks[1].get(sqlite_id), number)
            assert memory == sqlite

    @invariant()
    def stores_agree(self) -> None:
        if hasattr(self, "desks"):
            self.teardown_compare()


def money_is_sound(entry: dict[str, Any]) -> None:
    """No amount is negative, the total is its remedies' sum, and what reached the
    customer had every approval its amount needed."""
    assert all(amount >= 0 for amount in _amounts(entry)), entry
    decision = entry["decision"]
    remedies = [r["amount"] for r in decision["remedies"] if r.get("amount") is not None]
    assert sum(Decimal(r["amount"]) for r in remedies) == Decimal(decision["total"]["amount"])
    if entry["status"] in ("offered", "accepted"):
        given = {approval["role"] for approval in entry.get("approvals", [])}
        assert set(entry["approvals_needed"]) <= given, entry


def _amounts(entry: dict[str, Any]) -> list[Decimal]:
    """Every money amount an entry records, wherever it sits."""
    found: list[Decimal] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if set(value) >= {"amount", "currency"} and isinstance(value["amount"], str):
                found.append(Decimal(value["amount"]))
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(entry)
    return found


def test_many_cases_in_two_stores_stay_sound_and_alike() -> None:
    ManyCases.TestCase.settings = settings(
        max_examples=15, stateful_step_count=30, deadline=None, database=None
    )
    ManyCases.TestCase().runTest()
