"""Over random compensation histories — proposals of several sizes (some needing an
approval, some cut to 0.00 by a per-customer cap or by what the row already pays),
approvals, rejections, offers, acceptances, declines, responses, cases closed and reopened
— no letter to the customer names an amount that is not money of one entry of its case
offered or accepted and still standing (or of all of them added up), nor any amount of
zero; and the status page lists
only offers made, never an amount of zero."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

from complaintkit.api.offers import offers
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import ComplaintkitError
from complaintkit.model.case import Case
from complaintkit.model.money import Money
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.storage.memory import MemoryStorage

EVENTS = (
    "compensation_proposed",
    "compensation_approved",
    "compensation_rejected",
    "compensation_offered",
    "compensation_accepted",
    "compensation_declined",
    "responded",
    "transitioned",
)
MONEY = re.compile(r"(\d+(?:\.\d+)?) CNY")


def _policy() -> Policy:
    document = {
        "complaintkit": 1,
        "name": "told-money",
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
            "rules": [
                {
                    "id": "goodwill",
                    "remedies": [
                        {"kind": "voucher", "amount": {"percent": 100, "of": "voucher"}},
                        {"kind": "credit", "amount": {"percent": 100, "of": "credit"}},
                        {
                            "kind": "statutory_damages",
                            "amount": {"percent": 100, "of": "damages", "default": 0},
                        },
                        "apology",
                    ],
                }
            ],
            "approvals": [{"above": 500, "role": "supervisor"}],
            "caps": [{"limit": 150, "days": 90}],
        },
        "templates": {
            "money": {
                "en": {"subject": "Money", "body": "{case.compensation}|{case.compensation_total}"}
            }
        },
        "notifications": {
            "default_language": "en",
            "notifiers": {"log": {"type": "log"}},
            "contacts": {"owners": {"li.na": "li.na@shop.example"}},
            "rules": [
                {"on": on, "notify": ["customer", "owner"], "via": "log", "template": "money"}
                for on in EVENTS
            ],
        },
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "policy.yaml"
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        return load_policy(path, PLUGINS)


#: One plugin manager for the policy and every example's Desk (each Plugins() scans every
#: installed distribution's entry points).
PLUGINS = Plugins()
POLICY = _policy()

_case = st.integers(0, 1)
#: offers and answers drawn more often than rejections: most histories reach the customer
ANSWERS = ("approve", "reject", "offer", "offer", "offer", "accept", "accept", "decline", "decline")
#: an entry by number, or (None) the latest the step could apply to
_entry = st.one_of(st.none(), st.none(), st.integers(1, 2))
#: the statuses each step applies to, for the latest entry in one
FITS = {
    "approve": ("proposed",),
    "reject": ("proposed", "approved"),
    "offer": ("proposed", "approved"),
    "accept": ("offered",),
    "decline": ("offered",),
}
_amount = st.sampled_from(["0", "30", "60", "120", "600"])
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("propose"), _case, _amount, _amount, _amount),
        st.tuples(st.sampled_from(ANSWERS), _case, _entry),
        st.tuples(st.sampled_from(["respond", "resolve", "close", "reopen", "later"]), _case),
    ),
    max_size=20,
)


def _entry_id(d: Desk, case_id: str, step: tuple[Any, ...]) -> str:
    if step[2] is not None:
        return f"comp-{step[2]}"
    fits = [e["id"] for e in d.get(case_id).compensation if e["status"] in FITS[step[0]]]
    return str((fits or ["comp-1"])[-1])


def _do(d: Desk, ids: list[str], step: tuple[Any, ...]) -> None:
    name, case_id = step[0], ids[step[1]]
    comp = _entry_id(d, case_id, step) if len(step) == 3 else ""
    if name == "propose":
        facts = {
            k: Money(v, "CNY")
            for k, v in zip(("voucher", "credit", "damages"), step[2:], strict=True)
        }
        d.propose_compensation(case_id, facts, actor="li.na")
    elif name in ("approve", "reject"):
        if name == "approve":
            d.approve_compensation(case_id, comp, role="supervisor", actor="wang")
        else:
            d.reject_compensation(case_id, comp, role="supervisor", actor="wang", reason="no")
    elif name == "offer":
        d.offer_compensation(case_id, comp, actor="li.na")
    elif name == "accept":
        d.accept_compensation(case_id, comp, actor="customer")
    elif name == "decline":
        d.decline_compensation(case_id, comp, actor="customer")
    elif name == "respond":
        d.respond(case_id, "news", actor="li.na")
    elif name == "resolve":
        d.resolve(case_id, "done", actor="li.na")
    elif name == "close":
        d.transition(case_id, "closed", actor="li.na")
    elif name == "reopen":
        d.reopen(case_id, actor="li.na", reason="again")
    else:
        assert isinstance(d.clock, ManualClock)
        d.clock.advance(timedelta(days=40))


def _standing_money(case: Case) -> Iterator[set[Decimal]]:
    """Per entry offered or accepted that still stands, the amounts it may be told by; and
    those of all of them added up, as a letter naming no entry tells them."""
    by_kind: dict[str, Decimal] = {}
    total = Decimal(0)
    for entry in case.compensation:
        status = entry.get("status")
        if status == "accepted" or (status == "offered" and case.is_open):
            decision = entry["decision"]
            money = [r for r in decision["remedies"] if r.get("amount")]
            amounts = {Decimal(r["amount"]["amount"]) for r in money}
            for remedy in money:
                kind = remedy["kind"]
                by_kind[kind] = by_kind.get(kind, Decimal(0)) + Decimal(remedy["amount"]["amount"])
            total += Decimal(decision["total"]["amount"])
            yield {a for a in amounts | {Decimal(decision["total"]["amount"])} if a}
    yield {a for a in {*by_kind.values(), total} if a}


def _check_page(case: Case) -> None:
    made = {e["id"]: e for e in case.compensation if e.get("offered_at")}
    for offer in offers(case):
        entry = made[offer["id"]]  # only offers made are listed
        decided = {
            Decimal(r["amount"]["amount"]) for r in entry["decision"]["remedies"] if r.get("amount")
        }
        for remedy in offer["remedies"]:
            if remedy["amount"] is not None:
                amount = Decimal(remedy["amount"]["amount"])
                assert amount != 0, offer
                assert amount in decided, offer
        assert offer["remedies"], offer  # an offer of nothing is not listed


@settings(max_examples=300, deadline=None)
@given(steps=STEPS)
def test_no_customer_letter_nor_status_page_names_money_not_standing(
    steps: list[tuple[Any, ...]],
) -> None:
    d = Desk(
        POLICY,
        storage=MemoryStorage(),
        clock=ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC)),
        plugins=PLUGINS,
    )
    ids = []
    for n in range(2):
        complaint = {
            "channel": "web",
            "external_id": f"T-{n}",
            "received_at": "2026-11-23T09:00:00+00:00",
            "customer": {"id": "c-1", "contact": "c1@example.com"},
            "text": "broken on arrival",
            "language": "en",
        }
        case_id = d.intake(complaint).id
        d.transition(case_id, "investigating", actor="li.na")
        ids.append(case_id)
    seen = {delivery.outgoing.delivery_id for delivery in d.storage.deliveries()}
    for step in steps:
        try:
            _do(d, ids, step)
        except ComplaintkitError:
            continue  # refused: nothing changed
        for delivery in d.storage.deliveries():
            if delivery.outgoing.delivery_id in seen:
                continue
            seen.add(delivery.outgoing.delivery_id)
            payload = delivery.outgoing.payload
            if payload["role"] != "customer":
                continue
            named = {Decimal(m) for m in MONEY.findall(str(payload["body"]))}
            told = list(_standing_money(d.get(str(payload["case_id"]))))
            event(
                f"a customer letter on {payload['event']} names {'some' if named else 'no'} money"
            )
            assert not named or any(named <= amounts for amounts in told), (step, payload["body"])
        for case_id in ids:
            _check_page(d.get(case_id))
