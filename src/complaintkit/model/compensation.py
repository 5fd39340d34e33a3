"""Compensation entries on a case: what was proposed, approved, offered and accepted.

``Case.compensation`` is a list of JSON entries, one per proposal, changed only by the
``compensation_*`` events (see ``model.history``)::

    {"id": "comp-1", "status": "offered", "decision": {...Decision.to_json()...},
     "approvals_needed": ["supervisor"], "approvals": [{"role": ..., "by": ..., "at": ...}],
     "proposed_at": ..., "offered_at": ..., "closed_at": ..., "reason": ...}

Money counts against a per-customer cap from the moment it is offered, for as long as the
offer stands (however long ago it was made: it can be accepted at any moment); an offer
the customer declines stops counting, and so does one left unanswered when its case is
withdrawn, rejected or closed: it lapses with the case (and stands again if the case is
reopened). Accepted money counts whatever becomes of the case, in a cap's window from
when it was accepted.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Final

from complaintkit.model.complaint import parse_instant
from complaintkit.model.money import ARITHMETIC, total

PROPOSED: Final = "proposed"
APPROVED: Final = "approved"
REJECTED: Final = "rejected"
OFFERED: Final = "offered"
ACCEPTED: Final = "accepted"
DECLINED: Final = "declined"
#: An offer left unanswered when its case ended, as reports count it (never stored).
LAPSED: Final = "lapsed"
#: Statuses whose money the customer has been promised or given.
COUNTED: Final = frozenset({OFFERED, ACCEPTED})
#: The forms goodwill takes — what the organisation chooses to give — counted as one.
GOODWILL: Final = frozenset({"voucher", "credit", "cash"})


def counted_as(kind: str) -> str:
    """What a remedy of ``kind`` counts as when a case is paid it once: goodwill in any form
    is one (50 yuan given in cash, the policy since changed to give it as a voucher, is the
    same goodwill); every other kind is its own."""
    return "goodwill" if kind in GOODWILL else kind


def standing(entries: Iterable[Mapping[str, Any]], case_open: bool) -> list[Mapping[str, Any]]:
    """The entries of one case whose money still counts: all of an open case's, and of a
    withdrawn, rejected or closed case's only those the customer accepted (an offer no one
    can answer any more promises nothing)."""
    return [e for e in entries if case_open or e.get("status") == ACCEPTED]


def reported_status(status: str | None, case_open: bool) -> str | None:
    """An entry's status as reports count it: an offer its case ended without answering
    has lapsed, and like a declined one is a decision, not money given."""
    return LAPSED if status == OFFERED and not case_open else status


def given_amount(
    entries: Iterable[Mapping[str, Any]],
    since: datetime,
    currency: str,
    kinds: Collection[str] | None = None,
) -> Decimal:
    """Sum of remedy amounts in ``currency`` (of ``kinds``, if given) standing on offer, or
    accepted since ``since``: exact whatever the caller's decimal context."""
    given = _given(entries, since, kinds)
    return total(Decimal(amount["amount"]) for amount in given if amount["currency"] == currency)


def given_by_currency(
    entries: Iterable[Mapping[str, Any]], since: datetime, kinds: Collection[str] | None = None
) -> dict[str, Decimal]:
    """``given_amount`` in every currency given, by currency: a cap counts only its own."""
    amounts = list(_given(entries, since, kinds))
    currencies = sorted({amount["currency"] for amount in amounts})
    return {
        currency: total(Decimal(a["amount"]) for a in amounts if a["currency"] == currency)
        for currency in currencies
    }


def _given(
    entries: Iterable[Mapping[str, Any]], since: datetime, kinds: Collection[str] | None
) -> Iterator[Mapping[str, Any]]:
    for entry in entries:
        status, offered_at = entry.get("status"), entry.get("offered_at")
        if status not in COUNTED or offered_at is None:
            continue
        if status == ACCEPTED and _given_at(entry, offered_at) < since:
            continue
        for remedy in entry.get("decision", {}).get("remedies", []):
            amount = remedy.get("amount")
            if amount is not None and (kinds is None or remedy.get("kind") in kinds):
                yield amount


def _given_at(entry: Mapping[str, Any], offered_at: str) -> datetime:
    """When an accepted entry's money was given: its acceptance (an entry recorded before
    acceptances were dated counts from its offer)."""
    accepted_at = entry.get("closed_at") or offered_at
    return parse_instant(accepted_at, "closed_at")


#: Before any offer: the start of a window that counts every one.
EVER: Final = datetime.min.replace(tzinfo=UTC)


def refunded(entries: Iterable[Mapping[str, Any]], currency: str) -> Decimal:
    """What offers and acceptances among ``entries`` pay back of the price, ever: their
    refunds, but for those the law owes beyond it (``beyond_paid``), which no price holds."""
    return given_amount(_held_refunds(entries), EVER, currency, ("refund",))


def refunded_by_currency(entries: Iterable[Mapping[str, Any]]) -> dict[str, Decimal]:
    """``refunded`` in every currency something was paid back in: a price is held against
    refunds in its own currency only, and one in another cannot be weighed without a rate."""
    found = given_by_currency(_held_refunds(entries), EVER, ("refund",))
    return {currency: amount for currency, amount in found.items() if amount}


def _held_refunds(entries: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [
        {
            **entry,
            "decision": {"remedies": [r for r in _remedies(entry) if not r.get("beyond_paid")]},
        }
        for entry in entries
    ]


def _remedies(entry: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return list(entry.get("decision", {}).get("remedies", []))


def paid_by_kind(entries: Iterable[Mapping[str, Any]], currency: str) -> dict[str, Decimal]:
    """What offers and acceptances among ``entries`` pay in ``currency``, by remedy kind as
    ``counted_as`` names it: a kind pays once per case, whichever row gave it (a row a policy
    change renamed, a row the case's facts no longer match) and goodwill whatever its form,
    so a later decision pays only what it adds. Refunds of
    the price are left out (they are held to what was paid instead); those the law owes
    beyond it (``beyond_paid``) are counted."""
    paid: dict[str, Decimal] = {}
    for _, kind, amount in _paying(entries, currency):
        paid[kind] = ARITHMETIC.add(paid.get(kind, Decimal(0)), amount)
    return paid


def rows_paying(entries: Iterable[Mapping[str, Any]], currency: str, kind: str) -> list[str]:
    """The rows whose offers among ``entries`` pay ``kind`` (as ``counted_as`` counts it) in
    ``currency``, in order, once each: what a decision taking their money off names."""
    rows = (row for row, paid, _ in _paying(entries, currency) if paid == counted_as(kind))
    return list(dict.fromkeys(rows))


def _paying(
    entries: Iterable[Mapping[str, Any]], currency: str
) -> Iterator[tuple[str, str, Decimal]]:
    """(row, kind as ``counted_as`` counts it, amount) of every remedy ``paid_by_kind``
    counts."""
    for entry in entries:
        if entry.get("status") not in COUNTED:
            continue
        for remedy in _remedies(entry):
            amount = remedy.get("amount")
            if amount is None or amount["currency"] != currency:
                continue
            if remedy.get("kind") == "refund" and not remedy.get("beyond_paid"):
                continue
            kind = counted_as(str(remedy.get("kind", "")))
            yield str(remedy.get("row", "")), kind, Decimal(amount["amount"])
