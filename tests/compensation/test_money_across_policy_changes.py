"""Whatever happens to a case's compensation — proposals offered out of order, declined,
lapsed with the case and standing again when it is reopened, the policy changed between
any two steps (rows renamed, amounts raised or lowered, rows split under ``collect``) —
the money standing on the case (offered or accepted on an open case, accepted on an ended
one) never holds more of a remedy kind than one of the policies its offers were decided
under owes for it: no remedy is paid twice (goodwill counted as one, in whatever form: a
voucher since given as cash is the same goodwill). And a case proposed, offered and accepted in
full under one policy holds at least what that policy owes (nothing is lost either)."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.desk.desk import Desk
from complaintkit.errors import IllegalTransition, InvalidInput
from complaintkit.model.case import Case
from complaintkit.model.compensation import standing
from complaintkit.model.lifecycle import Status
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.storage.memory import MemoryStorage

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
PAID = Decimal("199.00")


def _row(row: str, *remedies: dict[str, Any]) -> dict[str, Any]:
    return {"id": row, "remedies": list(remedies)}


def _voucher(amount: int) -> dict[str, Any]:
    return {"kind": "voucher", "amount": amount}


def _cash(amount: int) -> dict[str, Any]:
    return {"kind": "cash", "amount": amount}


def _damages(amount: int) -> dict[str, Any]:
    return {"kind": "statutory_damages", "amount": amount}


REFUND = {"kind": "refund", "full": True}
#: Policy versions in force one after another: (hit policy, rows), and what each owes a case.
VERSIONS: tuple[tuple[str, list[dict[str, Any]]], ...] = (
    ("first", [_row("late_voucher", _voucher(50), _damages(100))]),
    ("first", [_row("late-delivery-voucher", _voucher(50), _damages(100))]),  # renamed
    ("first", [_row("late-delivery-voucher", _voucher(80), _damages(100), REFUND)]),  # raised
    ("first", [_row("late-v2", _voucher(30), _damages(150))]),  # voucher lowered
    ("collect", [_row("a", _voucher(20), REFUND), _row("b", _voucher(40), _damages(60))]),
    ("first", [_row("split", _damages(40), _damages(70), _voucher(10))]),
    ("first", [_row("late-delivery-voucher", _cash(50), _damages(100))]),  # paid in cash
)
#: Voucher, credit and cash are one goodwill, paid once per case whatever its form.
_COUNTED_AS = {"voucher": "goodwill", "credit": "goodwill", "cash": "goodwill"}


def _owed(version: int) -> dict[str, Decimal]:
    owed: dict[str, Decimal] = {}
    for row in VERSIONS[version][1]:
        for remedy in row["remedies"]:
            amount = PAID if remedy.get("full") else Decimal(remedy["amount"])
            kind = _COUNTED_AS.get(remedy["kind"], remedy["kind"])
            owed[kind] = owed.get(kind, Decimal(0)) + amount
    return owed


@attrs.frozen
class _Paying(EmptyPolicy):
    compensation: CompensationPolicy | None = None


def _desk(version: int, storage: MemoryStorage, clock: ManualClock) -> Desk:
    hit, rows = VERSIONS[version]
    section = {"currency": "CNY", "hit_policy": hit, "rules": rows}
    return Desk(_Paying(compensation=compile_section(section)), storage=storage, clock=clock)


def _standing(case: Case) -> dict[str, Decimal]:
    held: dict[str, Decimal] = {}
    for entry in standing(case.compensation, case.is_open):
        if entry.get("status") not in ("offered", "accepted"):
            continue
        for remedy in entry["decision"]["remedies"]:
            if remedy.get("amount") is not None:
                amount = Decimal(remedy["amount"]["amount"])
                kind = _COUNTED_AS.get(remedy["kind"], remedy["kind"])
                held[kind] = held.get(kind, Decimal(0)) + amount
    return held


class _Run:
    """One case and the policy versions its proposals were decided under."""

    def __init__(self) -> None:
        self.storage, self.clock = MemoryStorage(), ManualClock(T0)
        self.version = 0
        self.desk = _desk(0, self.storage, self.clock)
        self.case_id = self.desk.intake(
            {
                "channel": "web",
                "external_id": "money-1",
                "received_at": T0.isoformat(),
                "customer": {"id": "c-1"},
                "text": "late and broken",
                "amount": {"amount": str(PAID), "currency": "CNY"},
            }
        ).id
        self.decided_under: dict[str, int] = {}

    def entries(self) -> list[Mapping[str, Any]]:
        return list(self.desk.get(self.case_id).compensation)

    def step(self, name: str, pick: int) -> None:
        self.clock.advance(timedelta(minutes=1))
        desk, case_id = self.desk, self.case_id
        entries = self.entries()
        chosen = str(entries[pick % len(entries)]["id"]) if entries else None
        if name == "policy":
            self.version = pick % len(VERSIONS)
            self.desk = _desk(self.version, self.storage, self.clock)
        elif name == "propose":
            entry = desk.propose_compensation(case_id, actor="li.na").compensation[-1]
            self.decided_under[str(entry["id"])] = self.version
        elif name == "settle":
            self.settle()
        elif name == "close":
            self.close()
        elif name == "reopen":
            desk.reopen(case_id, actor="li.na", reason="came back")
        elif chosen is not None:
            steps = {
                "offer": lambda: desk.offer_compensation(case_id, chosen, actor="li.na"),
                "accept": lambda: desk.accept_compensation(case_id, chosen, actor="customer:c-1"),
                "decline": lambda: desk.decline_compensation(case_id, chosen, actor="li.na"),
            }
            steps[name]()

    def settle(self) -> None:
        """Propose, offer and accept under the policy in force."""
        desk, case_id = self.desk, self.case_id
        entry = desk.propose_compensation(case_id, actor="li.na").compensation[-1]
        self.decided_under[str(entry["id"])] = self.version
        desk.offer_compensation(case_id, entry["id"], actor="li.na")
        desk.accept_compensation(case_id, entry["id"], actor="customer:c-1")

    def close(self) -> None:
        case = self.desk.get(self.case_id)
        if case.status in (Status.RECEIVED, Status.REOPENED):
            self.desk.transition(self.case_id, "investigating", actor="li.na")
        if self.desk.get(self.case_id).status != Status.RESOLVED:
            self.desk.resolve(self.case_id, "done", actor="li.na")
        self.desk.close(self.case_id, actor="li.na")

    def check(self) -> None:
        case = self.desk.get(self.case_id)
        held = _standing(case)
        versions = {
            self.decided_under[str(e["id"])]
            for e in standing(case.compensation, case.is_open)
            if e.get("status") in ("offered", "accepted")
        }
        for kind, amount in held.items():
            most = max(_owed(v).get(kind, Decimal(0)) for v in versions)
            assert amount <= most, (kind, amount, most, case.compensation)
        assert held.get("refund", Decimal(0)) <= PAID


STEP = st.sampled_from(
    ["policy", "propose", "offer", "accept", "decline", "settle", "close", "reopen"]
)


@settings(max_examples=150, deadline=None)
@given(steps=st.lists(st.tuples(STEP, st.integers(0, 11)), max_size=14))
def test_no_remedy_kind_is_paid_beyond_what_a_policy_owes(steps: list[tuple[str, int]]) -> None:
    run = _Run()
    for name, pick in steps:
        with contextlib.suppress(InvalidInput, IllegalTransition):  # refused: nothing stored
            run.step(name, pick)
        run.check()


@settings(max_examples=60, deadline=None)
@given(
    steps=st.lists(st.tuples(STEP, st.integers(0, 11)), max_size=10),
    last=st.integers(0, len(VERSIONS) - 1),
)
def test_a_case_settled_in_full_holds_what_the_policy_in_force_owes(
    steps: list[tuple[str, int]], last: int
) -> None:
    run = _Run()
    for name, pick in steps:
        with contextlib.suppress(InvalidInput, IllegalTransition):
            run.step(name, pick)
    case = run.desk.get(run.case_id)
    if not case.is_open:
        run.desk.reopen(run.case_id, actor="li.na", reason="came back")
    for entry in run.entries():  # nothing left waiting: answer every standing offer
        if entry["status"] == "offered":
            run.desk.decline_compensation(run.case_id, entry["id"], actor="li.na")
    run.step("policy", last)
    run.settle()
    held = _standing(run.desk.get(run.case_id))
    for kind, owed in _owed(last).items():
        assert held.get(kind, Decimal(0)) >= owed, (kind, held, owed)
    run.check()
