"""Over random histories of one customer's two cases — proposals with random facts,
approvals, offers, acceptances, declines, cases resolved, closed and reopened, weeks
passing — the money the Desk records keeps its promises: no amount is negative or written
past its currency's units, an entry's total is its remedies' sum, a case never refunds more
than was paid nor pays its statutory damages or its goodwill twice, and the customer never accepts more
goodwill within the cap's window than the cap allows."""

from __future__ import annotations

import contextlib
import tempfile
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import ComplaintkitError
from complaintkit.model.case import Case
from complaintkit.model.compensation import GOODWILL
from complaintkit.model.instants import parse_instant
from complaintkit.model.money import Money
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.storage.memory import MemoryStorage

PAID = Decimal("199.99")
CAP, CAP_DAYS = Decimal(300), 90
#: the most goodwill one decision gives: the voucher's formula cap and the largest cash
GOODWILL_ONCE = Decimal(250) + Decimal("0.07") * 100000 / 100


def _policy() -> Policy:
    remedies = [
        {"kind": "refund", "amount": {"percent": {"fact": "refund_percent"}, "of": "paid"}},
        {"kind": "statutory_damages", "amount": {"multiple": 3, "of": "loss", "default": 0}},
        {
            "kind": "voucher",
            "amount": {"multiple": {"fact": "days"}, "of": {"fixed": 33.33}, "cap": 250},
        },
        {"kind": "cash", "amount": {"percent": {"fact": "cash_percent"}, "of": {"fixed": 0.07}}},
    ]
    document = {
        "complaintkit": 1,
        "name": "money-histories",
        "version": "1",
        "categories": {"goods": {"label": "Goods"}},
        "severities": {"normal": {"label": "Normal"}},
        "priorities": {"normal": {"label": "Normal"}},
        "teams": {"desk": {"label": "Desk", "default_owner": "li.na"}},
        "classification": {
            "rules": [],
            "default": {"category": "goods", "severity": "normal", "priority": "normal"},
        },
        "routing": {"rules": [], "default": {"team": "desk"}},
        "compensation": {
            "currency": "CNY",
            "rounding": "half_even",
            "rules": [{"id": "late", "remedies": remedies}],
            "approvals": [{"above": 400, "role": "supervisor"}],
            "caps": [{"limit": int(CAP), "days": CAP_DAYS}],
        },
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "policy.yaml"
        path.write_text(yaml.safe_dump(document), encoding="utf-8")
        return load_policy(path, PLUGINS)


#: One plugin manager for the policy and every example's Desk (each Plugins() scans every
#: installed distribution's entry points).
PLUGINS = Plugins()
POLICY = _policy()
_case = st.integers(0, 1)
#: an entry by number, or (None, more often) the latest the step applies to
_entry = st.one_of(st.none(), st.none(), st.none(), st.integers(1, 3))
STEPS = st.lists(
    st.one_of(
        st.tuples(
            st.just("propose"),
            _case,
            st.sampled_from(["0", "50", "100", "150"]),  # refund percent
            st.sampled_from(["0", "33.33", "100"]),  # loss
            st.sampled_from([0, 1, 3, 9]),  # days late
            st.sampled_from([0, 7, 5000, 100000]),  # cash percent of 0.07
            st.sampled_from(["stay", "offer", "accept", "accept", "decline"]),  # then
        ),
        st.tuples(
            st.sampled_from(["approve", "offer", "offer", "accept", "accept", "decline"]),
            _case,
            _entry,
        ),
        st.tuples(st.sampled_from(["resolve", "close", "reopen", "later"]), _case),
    ),
    max_size=30,
)
FITS = {
    "approve": ("proposed",),
    "offer": ("proposed", "approved"),
    "accept": ("offered",),
    "decline": ("offered",),
}


def _do(d: Desk, ids: list[str], losses: dict[str, Decimal], step: tuple[Any, ...]) -> None:
    name, case_id = step[0], ids[step[1]]
    if name == "propose":
        percent, loss, days, cash, then = step[2:]
        facts = {
            "refund_percent": int(percent),
            "loss": Money(loss, "CNY"),
            "days": days,
            "cash_percent": cash,
        }
        d.propose_compensation(case_id, facts, actor="li.na")
        losses[case_id] = max(losses.get(case_id, Decimal(0)), Decimal(loss))
        _carry_on(d, case_id, then)
    elif name in FITS:
        fits = [e["id"] for e in d.get(case_id).compensation if e["status"] in FITS[name]]
        comp = f"comp-{step[2]}" if step[2] is not None else (fits or ["comp-1"])[-1]
        if name == "approve":
            d.approve_compensation(case_id, comp, role="supervisor", actor="wang")
        elif name == "offer":
            d.offer_compensation(case_id, comp, actor="li.na")
        elif name == "accept":
            d.accept_compensation(case_id, comp, actor="customer")
        else:
            d.decline_compensation(case_id, comp, actor="customer")
    elif name == "resolve":
        d.resolve(case_id, "done", actor="li.na")
    elif name == "close":
        d.transition(case_id, "closed", actor="li.na")
    elif name == "reopen":
        d.reopen(case_id, actor="li.na", reason="again")
    else:
        assert isinstance(d.clock, ManualClock)
        d.clock.advance(timedelta(days=40))


def _carry_on(d: Desk, case_id: str, then: str) -> None:
    """Take the proposal just made as far as ``then``: approved if it must be, offered,
    and answered; the first step refused ends it there."""
    comp = d.get(case_id).compensation[-1]["id"]
    if then == "stay":
        return
    if d.get(case_id).compensation[-1]["approvals_needed"]:
        d.approve_compensation(case_id, comp, role="supervisor", actor="wang")
    d.offer_compensation(case_id, comp, actor="li.na")
    if then == "accept":
        d.accept_compensation(case_id, comp, actor="customer")
    elif then == "decline":
        d.decline_compensation(case_id, comp, actor="customer")


def _amounts(entry: dict[str, Any], kinds: frozenset[str] | None = None) -> list[Decimal]:
    return [
        Decimal(r["amount"]["amount"])
        for r in entry["decision"]["remedies"]
        if r.get("amount") and (kinds is None or r["kind"] in kinds)
    ]


def _standing(case: Case) -> list[dict[str, Any]]:
    return [
        e
        for e in case.compensation
        if e["status"] == "accepted" or (e["status"] == "offered" and case.is_open)
    ]


def _check_case(case: Case, loss: Decimal) -> None:
    for entry in case.compensation:
        amounts = _amounts(entry)
        assert all(a >= 0 and a.as_tuple().exponent == -2 for a in amounts), entry
        assert Decimal(entry["decision"]["total"]["amount"]) == sum(amounts, Decimal(0)), entry
    standing = _standing(case)
    refunded = sum((a for e in standing for a in _amounts(e, frozenset({"refund"}))), Decimal(0))
    assert refunded <= PAID, case.compensation
    damages = frozenset({"statutory_damages"})
    owed = sum((a for e in standing for a in _amounts(e, damages)), Decimal(0))
    assert owed <= 3 * loss, case.compensation
    # goodwill pays once per case: at most one decision's voucher (its cap) and cash
    goodwill = sum((a for e in standing for a in _amounts(e, GOODWILL)), Decimal(0))
    assert goodwill <= GOODWILL_ONCE, case.compensation


def _check_customer(cases: list[Case], now: datetime) -> None:
    since = now - timedelta(days=CAP_DAYS)
    accepted = sum(
        (
            a
            for c in cases
            for e in c.compensation
            if e["status"] == "accepted" and parse_instant(e["closed_at"], "closed_at") >= since
            for a in _amounts(e, GOODWILL)
        ),
        Decimal(0),
    )
    assert accepted <= CAP, [c.compensation for c in cases]


@settings(max_examples=200, deadline=None)
@given(steps=STEPS)
def test_money_keeps_its_promises_over_any_history(steps: list[tuple[Any, ...]]) -> None:
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    d = Desk(POLICY, storage=MemoryStorage(), clock=clock, plugins=PLUGINS)
    ids = []
    for n in range(2):
        complaint = {
            "channel": "web",
            "external_id": f"H-{n}",
            "received_at": "2026-11-23T09:00:00+00:00",
            "customer": {"id": "c-1"},
            "text": "late and broken",
            "amount": {"amount": str(PAID), "currency": "CNY"},
        }
        case_id = d.intake(complaint).id
        d.transition(case_id, "investigating", actor="li.na")
        ids.append(case_id)
    losses: dict[str, Decimal] = {}
    for step in steps:
        # a step refused changes nothing (the proposal a refused offer follows stands)
        with contextlib.suppress(ComplaintkitError):
            _do(d, ids, losses, step)
        cases = [d.get(case_id) for case_id in ids]
        for case in cases:
            _check_case(case, losses.get(case.id, Decimal(0)))
        _check_customer(cases, clock.now())
    statuses = {e["status"] for case_id in ids for e in d.get(case_id).compensation}
    event(f"reached {', '.join(sorted(statuses)) or 'no proposal'}")
