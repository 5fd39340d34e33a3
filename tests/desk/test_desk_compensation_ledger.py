"""The money a customer's cases record, over any sequence of steps, in any currency.

Whatever agents and the customer do — propose, approve, offer, accept, decline, end and
reopen cases, let time pass — across one customer's cases under two caps: what was
accepted in any window of a cap never passes it, no amount is negative, every amount is
written in its currency's minor units, a decision's total is the sum of its remedies, and
a report's money is the sum of the entries it counts.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.desk.desk import Desk
from complaintkit.errors import IllegalTransition, InvalidInput
from complaintkit.model.case import Case
from complaintkit.model.compensation import COUNTED, reported_status
from complaintkit.model.money import MINOR_UNITS, Money
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.reports import build_report, open_source
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage

CASES = 3
#: (limit, days) of each cap, counting vouchers and cash (the default kinds)
CAPS = ((Decimal(300), 30), (Decimal(500), 90))
GOODWILL = ("voucher", "cash", "credit")


@attrs.frozen
class CompensatingPolicy(EmptyPolicy):
    compensation: CompensationPolicy | None = None


def section(currency: str) -> dict[str, object]:
    def given(name: str) -> dict[str, object]:
        return {"percent": 100, "of": name, "default": 0}

    return {
        "currency": currency,
        "rounding": "half_even",
        "rules": [
            {
                "id": "goodwill",
                "remedies": [
                    {"kind": "voucher", "amount": given("voucher")},
                    {"kind": "cash", "amount": {"multiple": "1.5", "of": given("cash")}},
                    {"kind": "refund", "amount": given("refund")},
                ],
            }
        ],
        "approvals": [{"above": 200, "role": "supervisor"}, {"above": 400, "role": "director"}],
        "caps": [{"limit": str(limit), "days": days} for limit, days in CAPS],
    }


#: amounts with more places than any currency is paid in, so rounding is exercised
amounts = st.decimals(min_value=0, max_value=350, places=4)
answers = st.sampled_from(["accept", "decline", "leave", "propose"])
steps = st.one_of(
    st.tuples(st.just("settle"), st.integers(0, CASES - 1), amounts, amounts, amounts, answers),
    st.tuples(
        st.sampled_from(["offer", "accept", "decline", "end", "reopen"]),
        st.integers(0, CASES - 1),
    ),
    st.tuples(st.just("wait"), st.integers(1, 40)),
)


def _step(desk: Desk, ids: list[str], currency: str, step: tuple[Any, ...]) -> None:
    name, *args = step
    if name == "wait":
        assert isinstance(desk.clock, ManualClock)
        desk.clock.advance(timedelta(days=args[0]))
        return
    case = desk.get(ids[args[0]])
    latest = case.compensation[-1]["id"] if case.compensation else "comp-1"
    if name == "settle":
        facts = {
            kind: Money(value, currency)
            for kind, value in zip(("voucher", "cash", "refund"), args[1:4], strict=True)
        }
        case = desk.propose_compensation(case.id, facts, actor="agent")
        latest = case.compensation[-1]["id"]
        for role in case.compensation[-1]["approvals_needed"]:
            desk.approve_compensation(case.id, latest, role=role, actor="boss")
        if args[4] == "propose":
            return
        desk.offer_compensation(case.id, latest, actor="agent")
        if args[4] in ("accept", "decline"):
            name = args[4]
    if name == "offer":
        desk.offer_compensation(case.id, latest, actor="agent")
    elif name == "accept":
        desk.accept_compensation(case.id, latest, actor="customer")
    elif name == "decline":
        desk.decline_compensation(case.id, latest, actor="customer")
    elif name == "end":
        if case.status.value == "received":
            desk.transition(case.id, "investigating", actor="agent")
        desk.resolve(case.id, "settled", actor="agent")
        desk.close(case.id, actor="agent")
    elif name == "reopen":
        desk.reopen(case.id, actor="agent", reason="came back")


def _amounts(case: Case) -> Iterator[tuple[dict[str, Any], dict[str, Any], Money]]:
    for entry in case.compensation:
        for remedy in entry["decision"]["remedies"]:
            if remedy.get("amount") is not None:
                yield entry, remedy, Money.from_json(remedy["amount"])


def _check(cases: list[Case], currency: str, report_given: Decimal | None) -> None:
    places = MINOR_UNITS[currency]
    accepted: list[tuple[datetime, Decimal]] = []
    counted = Decimal(0)
    for case in cases:
        for entry in case.compensation:
            decision = entry["decision"]
            remedies = [
                Money.from_json(r["amount"]) for r in decision["remedies"] if r.get("amount")
            ]
            total = Money.from_json(decision["total"])
            assert total.amount == sum((m.amount for m in remedies), Decimal(0))
        for entry, remedy, money in _amounts(case):
            assert money.currency == currency
            assert money.amount >= 0
            assert money.amount.as_tuple().exponent == -places, money
            if reported_status(entry["status"], case.is_open) in COUNTED:
                counted += money.amount
            if entry["status"] == "accepted" and remedy["kind"] in GOODWILL:
                accepted.append((datetime.fromisoformat(entry["closed_at"]), money.amount))
    for limit, days in CAPS:  # every window ending at an acceptance
        for end, _ in accepted:
            start = end - timedelta(days=days)
            assert sum(a for at, a in accepted if start <= at <= end) <= limit
    if report_given is not None:
        assert report_given == counted


def _given_in_report(desk: Desk, currency: str) -> Decimal:
    totals = build_report(open_source(desk.storage)).compensation_totals
    return totals.get(currency, (0, Decimal(0)))[1]


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["CNY", "JPY", "KWD"]),
    st.booleans(),
    st.lists(
        st.decimals(min_value="0.001", max_value=400, places=3), min_size=CASES, max_size=CASES
    ),
    st.lists(steps, min_size=6, max_size=25),
)
def test_a_customers_money_stays_within_every_cap_window_in_minor_units_and_adds_up(
    currency: str, on_sqlite: bool, prices: list[Decimal], moves: list[tuple[Any, ...]]
) -> None:
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    policy = CompensatingPolicy(compensation=compile_section(section(currency)))
    with tempfile.TemporaryDirectory() as folder:
        storage = (
            SQLiteStorage(f"sqlite:///{Path(folder) / 'c.db'}") if on_sqlite else MemoryStorage()
        )
        desk = Desk(policy, storage=storage, clock=clock)
        ids = []
        for n, price in enumerate(prices):
            complaint = {
                "channel": "web",
                "external_id": f"x-{n}",
                "received_at": "2026-11-23T09:00:00+00:00",
                "customer": {"id": "c-1"},
                "text": "broken on arrival",
                "amount": {
                    "amount": str(Money(price, currency).truncated().amount),
                    "currency": currency,
                },
            }
            ids.append(desk.intake(complaint).id)
        for move in moves:
            with contextlib.suppress(InvalidInput, IllegalTransition):  # refused: it ends there
                _step(desk, ids, currency, move)
            cases = [desk.get(case_id) for case_id in ids]
            _check(cases, currency, None)
        _check(cases, currency, _given_in_report(desk, currency))
        close = getattr(storage, "close", None)
        if callable(close):
            close()
