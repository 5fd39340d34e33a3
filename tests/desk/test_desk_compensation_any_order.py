"""One customer's compensation over any order of every step, on any entry, not the latest.

Agents propose, approve, reject and offer any proposal of any case; the customer accepts or
declines any offer; cases are closed, withdrawn and reopened while time passes. Whatever
the order: what was accepted in any window of a cap never passes it, no case refunds more
than was paid, and no money reaches the customer without the approvals its total needs.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import example, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.desk.desk import Desk
from complaintkit.errors import IllegalTransition, InvalidInput
from complaintkit.model.case import Case
from complaintkit.model.money import Money
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.storage.memory import MemoryStorage

CASES = 2
LIMIT, DAYS = Decimal(300), 60
PRICE = Decimal("150.00")
SECTION = {
    "currency": "CNY",
    "rules": [
        {
            "id": "goodwill",
            "remedies": [
                {"kind": "voucher", "amount": {"percent": 100, "of": "voucher", "default": 0}},
                {"kind": "refund", "amount": {"percent": 100, "of": "refund", "default": 0}},
            ],
        }
    ],
    "approvals": [{"above": 100, "role": "supervisor"}, {"above": 250, "role": "director"}],
    "caps": [{"limit": str(LIMIT), "days": DAYS}],
}
ROLES = ("supervisor", "director")


@attrs.frozen
class CompensatingPolicy(EmptyPolicy):
    compensation: CompensationPolicy | None = None


amounts = st.decimals(min_value=0, max_value=320, places=2)
case_index = st.integers(0, CASES - 1)
entry_index = st.integers(0, 2)
answers = st.sampled_from(["propose", "approve", "offer", "accept"])
steps = st.one_of(
    st.tuples(st.just("propose"), case_index, amounts, amounts, answers),
    st.tuples(st.just("propose"), case_index, amounts, amounts, answers),
    st.tuples(
        st.sampled_from(["approve", "reject"]), case_index, entry_index, st.sampled_from(ROLES)
    ),
    st.tuples(st.sampled_from(["offer", "accept", "decline"]), case_index, entry_index),
    st.tuples(st.sampled_from(["offer", "accept", "decline"]), case_index, entry_index),
    st.tuples(st.sampled_from(["close", "close", "withdraw", "reopen", "reopen"]), case_index),
    st.tuples(st.just("wait"), st.integers(1, 45)),
)


def _entry_id(case: Case, index: int) -> str:
    return f"comp-{index % len(case.compensation) + 1}" if case.compensation else "comp-1"


def _step(desk: Desk, ids: list[str], step: tuple[Any, ...]) -> None:
    name, *args = step
    if name == "wait":
        assert isinstance(desk.clock, ManualClock)
        desk.clock.advance(timedelta(days=args[0]))
        return
    case = desk.get(ids[args[0]])
    if name == "propose":
        _propose(desk, case, Money(args[1], "CNY"), Money(args[2], "CNY"), args[3])
    elif name in ("close", "withdraw", "reopen"):
        _move(desk, case, name)
    elif name == "approve":  # as the role it was proposed needing, if any
        entry_id = _entry_id(case, args[1])
        needed = [e["approvals_needed"] for e in case.compensation if e["id"] == entry_id]
        role = needed[0][0] if needed and needed[0] else args[2]
        desk.approve_compensation(case.id, entry_id, role=role, actor=f"boss-{role}")
    elif name == "reject":
        entry_id = _entry_id(case, args[1])
        desk.reject_compensation(case.id, entry_id, role=args[2], actor="boss", reason="no")
    elif name == "offer":
        desk.offer_compensation(case.id, _entry_id(case, args[1]), actor="agent")
    elif name == "accept":
        desk.accept_compensation(case.id, _entry_id(case, args[1]), actor="customer")
    else:
        desk.decline_compensation(case.id, _entry_id(case, args[1]), actor="customer")


def _propose(desk: Desk, case: Case, voucher: Money, refund: Money, until: str) -> None:
    """Propose, and go on as far as ``until`` says, stopping where the Desk refuses."""
    case = desk.propose_compensation(case.id, {"voucher": voucher, "refund": refund}, actor="a")
    entry = case.compensation[-1]
    for role in entry["approvals_needed"] if until != "propose" else ():
        desk.approve_compensation(case.id, entry["id"], role=role, actor=f"boss-{role}")
    if until in ("offer", "accept"):
        desk.offer_compensation(case.id, entry["id"], actor="agent")
    if until == "accept":
        desk.accept_compensation(case.id, entry["id"], actor="customer")


def _move(desk: Desk, case: Case, name: str) -> None:
    if name == "close":
        if case.status.value == "received":
            desk.transition(case.id, "investigating", actor="agent")
        desk.resolve(case.id, "settled", actor="agent")
        desk.close(case.id, actor="agent")
    elif name == "withdraw":
        desk.transition(case.id, "withdrawn", actor="customer")
    else:
        desk.reopen(case.id, actor="agent", reason="came back")


def _amounts(entry: dict[str, Any], kind: str) -> Decimal:
    remedies = entry["decision"]["remedies"]
    return sum((Decimal(r["amount"]["amount"]) for r in remedies if r["kind"] == kind), Decimal(0))


def _check(cases: list[Case]) -> None:
    accepted: list[tuple[datetime, Decimal]] = []
    for case in cases:
        refunded = Decimal(0)
        for entry in case.compensation:
            if entry["status"] in ("offered", "accepted", "declined"):
                granted = {a["role"] for a in entry["approvals"]}
                assert set(entry["approvals_needed"]) <= granted, entry
                total = Decimal(entry["decision"]["total"]["amount"])
                needs = "director" if total > 250 else "supervisor" if total > 100 else None
                # weighed with the money its case already offered, an entry may need a
                # higher role than its own total does: that role's approval covers it
                covering = set(ROLES[ROLES.index(needs) :]) if needs else set()
                assert needs is None or covering & granted, entry
            if entry["status"] == "accepted":
                at = datetime.fromisoformat(entry["closed_at"])
                accepted.append((at, _amounts(entry, "voucher")))
                refunded += _amounts(entry, "refund")
        assert refunded <= PRICE, case.compensation
    for end, _ in accepted:  # every window ending at an acceptance
        start = end - timedelta(days=DAYS)
        assert sum(a for at, a in accepted if start <= at <= end) <= LIMIT, accepted


#: two proposals decided side by side, each seeing the whole cap, then both offered
SIDE_BY_SIDE = [
    ("propose", 0, Decimal(200), Decimal(0), "approve"),
    ("propose", 1, Decimal(200), Decimal(0), "accept"),
    ("offer", 0, 0),
    ("accept", 0, 0),
]


@settings(max_examples=60, deadline=None)
@given(st.lists(steps, min_size=6, max_size=40))
@example(SIDE_BY_SIDE)
def test_no_order_of_steps_gives_a_customer_beyond_a_cap_or_an_approval(
    moves: list[tuple[Any, ...]],
) -> None:
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    policy = CompensatingPolicy(compensation=compile_section(SECTION))
    desk = Desk(policy, storage=MemoryStorage(), clock=clock)
    ids = []
    for n in range(CASES):
        complaint = {
            "channel": "web",
            "external_id": f"o-{n}",
            "received_at": "2026-11-23T09:00:00+00:00",
            "customer": {"id": "c-1"},
            "text": "broken on arrival",
            "amount": {"amount": str(PRICE), "currency": "CNY"},
        }
        ids.append(desk.intake(complaint).id)
    for move in moves:
        with contextlib.suppress(InvalidInput, IllegalTransition):  # refused: it ends there
            _step(desk, ids, move)
        _check([desk.get(case_id) for case_id in ids])
