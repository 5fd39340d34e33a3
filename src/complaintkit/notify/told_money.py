"""What money a message tells its reader: the customer only money someone offers them,
staff every entry as it was decided.

A letter to the customer and their status page never name money no one offers: a letter
to the customer tells of an entry only while it is offered or accepted and still stands
(``standing``: an offer left unanswered lapses with its case) — not a proposal waiting for
an approval or for its offer, nor one an approver rejected or the customer declined, even
on the ``compensation_*`` event that names it. A letter to staff on such an event names its
entry whatever its status: an approver must see the amount they are asked to approve.

A remedy whose amount is zero — a cap, or what earlier offers of its row already paid,
took all of it — promises nothing, so what the customer sees leaves it out, and an offer
of nothing but such remedies is no offer to them at all (staff views and ``explain`` keep
them: they show what the cap did), so no ``compensation_*`` event of such an entry
sends the customer a letter — it would offer them blank money (``tells_customer_nothing``).
A remedy without an amount (an apology, a replacement) is a promise and is kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from complaintkit.model.compensation import COUNTED, standing
from complaintkit.model.money import total as exact_sum


def promised(remedies: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The remedies that promise something: every one without an amount, and every amount
    above zero."""
    return [r for r in remedies if r.get("amount") is None or _some(r["amount"])]


def promises_something(entry: Mapping[str, Any]) -> bool:
    """Whether ``entry``'s decision holds a remedy that promises something."""
    return bool(promised((entry.get("decision") or {}).get("remedies", [])))


def tells_customer_nothing(entries: Sequence[Mapping[str, Any]], kind: str, named: object) -> bool:
    """Whether an event of ``kind`` naming entry ``named`` is about an entry that promises
    the customer nothing: they are never shown it, so no letter tells them of it."""
    if not kind.startswith("compensation_"):
        return False
    return any(e.get("id") == named and not promises_something(e) for e in entries)


def _some(amount: Mapping[str, Any]) -> bool:
    return Decimal(str(amount["amount"])) != 0


def told_to_customer(
    entries: Sequence[Mapping[str, Any]], case_open: bool, named: object
) -> list[Mapping[str, Any]]:
    """The entries a letter to the customer tells of: the one a ``compensation_*`` event
    names (``named``), else every one — a final response after two offers accepted tells
    both — each only if it is offered or accepted, still stands and promises something."""
    told = [
        e
        for e in standing(entries, case_open)
        if e.get("status") in COUNTED and promises_something(e)
    ]
    if named is not None:
        told = [e for e in told if e.get("id") == named]
    return told


def summed(
    entries: Iterable[Mapping[str, Any]],
) -> tuple[list[Mapping[str, Any]], list[Mapping[str, str]]]:
    """The promised remedies of ``entries`` as one list, the amounts of remedies named
    alike (kind, label, currency) added up and a remedy of no money named once, and the
    entries' totals, one per currency (``{"amount": "100.00", "currency": "CNY"}``); no
    total when no remedy is money.
    Added exactly whatever decimal context the application has set (``total``)."""
    remedies: dict[str, dict[str, Any]] = {}
    totals: dict[str, Decimal] = {}
    for entry in entries:
        decision = entry.get("decision") or {}
        for remedy in promised(decision.get("remedies", [])):
            amount = remedy.get("amount")
            currency = None if amount is None else amount["currency"]
            key = json.dumps([remedy.get("kind"), remedy.get("label"), currency], sort_keys=True)
            kept = remedies.get(key)
            if kept is None:
                remedies[key] = dict(remedy)
            elif amount is not None:
                added = exact_sum(
                    (Decimal(str(kept["amount"]["amount"])), Decimal(str(amount["amount"])))
                )
                kept["amount"] = {"amount": str(added), "currency": currency}
        total = decision.get("total")
        if total and _some(total):  # an offer whose money a cap took adds no total
            so_far = totals.get(total["currency"])
            money = Decimal(str(total["amount"]))
            totals[total["currency"]] = money if so_far is None else exact_sum((so_far, money))
    told: list[Mapping[str, Any]] = list(remedies.values())
    if not any(r.get("amount") for r in told):
        return told, []  # an apology and a replacement total nothing
    return told, [{"amount": str(amount), "currency": c} for c, amount in totals.items()]


def told_to_staff(
    entries: Sequence[Mapping[str, Any]],
    case_open: bool,
    named: object,
    offerable: Callable[[Mapping[str, Any]], bool],
) -> Mapping[str, Any] | None:
    """The entry a letter to staff tells of: the one the event names, whatever its status,
    else the latest ``offerable`` one that still stands."""
    shown = [
        e
        for e in standing(entries, case_open)
        if e.get("id") == named or (named is None and offerable(e))
    ]
    return shown[-1] if shown else None
