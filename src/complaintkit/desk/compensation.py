"""The compensation workflow on the Desk: propose → approve / reject → offer → accept / decline.

Each step is an event (``compensation_proposed`` … ``compensation_declined``) that the
appliers in ``model.history`` fold into ``case.compensation``. The rules it enforces:
an amount above an approval threshold cannot be offered until the named role approved it;
an offer re-checks every per-customer cap against what storage holds at that moment, so
two cases proposed side by side cannot together exceed the cap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from complaintkit.compensation.approvals import awaited
from complaintkit.desk.compensation_short import not_short
from complaintkit.desk.history import StoredHistory
from complaintkit.desk.work_on import expect_open
from complaintkit.errors import InvalidInput, StepOutOfTurn
from complaintkit.model import compensation as entries
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.model.money import Money, total
from complaintkit.model.same_person import same_person
from complaintkit.policy.assessment import AssessingPolicy
from complaintkit.policy.supplied import stored_facts
from complaintkit.storage.base import CaseQuery, Storage

if TYPE_CHECKING:
    from complaintkit.clock import Clock
    from complaintkit.compensation.caps import CustomerCap
    from complaintkit.compensation.decision import Decision
    from complaintkit.compensation.policy import CompensationPolicy
    from complaintkit.model.drafts import Draft


class StoredCompensationHistory(StoredHistory):
    """Customer history plus the money already given, as storage holds it at ``now``."""

    def __init__(self, storage: Storage, customer_id: str, now: datetime) -> None:
        super().__init__(storage, customer_id, now)
        self._customer = customer_id

    def compensation_total(self, since: datetime, currency: str, kinds: tuple[str, ...]) -> Money:
        return self._storage.compensation_total(self._customer, since, currency, kinds)

    def compensation_by_currency(
        self, since: datetime, kinds: tuple[str, ...]
    ) -> dict[str, Decimal]:
        cases = self._storage.find(CaseQuery(customer_id=self._customer))
        standing = (e for c in cases for e in entries.standing(c.compensation, c.is_open))
        return entries.given_by_currency(standing, since, kinds)


def compensation_policy(policy: AssessingPolicy) -> CompensationPolicy:
    """The compiled ``compensation`` section of ``policy``, or a clear error."""
    section = policy.compensation
    if section is None:
        raise InvalidInput(
            "policy.compensation",
            "the policy has no compensation section; add one to decide remedies",
        )
    return section


def decide(
    policy: AssessingPolicy,
    storage: Storage,
    case: Case,
    facts: Mapping[str, object] | None,
    now: datetime,
    *,
    partial: bool = False,
) -> Decision:
    history = StoredCompensationHistory(storage, case.customer_id, now)
    return compensation_policy(policy).decide(case, facts, history, now=now, partial=partial)


def entry(case: Case, compensation_id: str) -> dict[str, Any]:
    for found in case.compensation:
        if found["id"] == compensation_id:
            return found
    known = ", ".join(e["id"] for e in case.compensation) or "none"
    raise InvalidInput(
        "compensation_id", f"case {case.id} has no compensation {compensation_id!r} (has: {known})"
    )


def _expect(case: Case, found: dict[str, Any], allowed: set[str], action: str) -> None:
    if found["status"] not in allowed:
        raise StepOutOfTurn(
            "compensation",
            f"compensation {found['id']} of case {case.id} is {found['status']}; "
            f"it can be {action} only when {' or '.join(sorted(allowed))}",
        )


def proposal(
    case: Case,
    decision: Decision,
    facts: Mapping[str, object] | None,
    draft: type[Draft],
    actor: str,
    reason: str,
) -> Draft:
    """The ``compensation_proposed`` draft of ``decision``, with the ``facts`` it was given
    (as the case would keep them): a replay decides the proposal again on them."""
    expect_open(case, "proposing compensation")
    number = len(case.compensation) + 1
    why = reason or f"compensation decided by row(s) {', '.join(decision.rows) or 'default'}"
    decided = decision.to_json()
    if facts:
        decided["facts"] = stored_facts(facts)
    return draft(
        "compensation_proposed",
        {"id": f"comp-{number}", "decision": decided, "by": actor},
        why,
        actor,
    )


def proposed_by(events: Iterable[CaseEvent], compensation_id: str) -> str | None:
    """Who proposed ``compensation_id``, as its case's events record."""
    for event in events:
        if event.kind == "compensation_proposed" and event.data.get("id") == compensation_id:
            return event.actor
    return None


def approved_as(case: Case, compensation_id: str, actor: str) -> str | None:
    """The role ``actor`` (written as they wrote it then, or otherwise: ``same_person``)
    already approved ``compensation_id`` as, if any."""
    approvals = entry(case, compensation_id)["approvals"]
    return next((a["role"] for a in approvals if same_person(a["by"], actor)), None)


def _pending(policy: AssessingPolicy, found: dict[str, Any]) -> set[str]:
    """The roles still to approve ``found`` under the policy in force (``awaited``)."""
    section = policy.compensation
    return awaited(found, () if section is None else section.thresholds)


def approval(
    policy: AssessingPolicy,
    case: Case,
    compensation_id: str,
    role: str,
    draft: type[Draft],
    actor: str,
    *,
    approve: bool,
) -> Draft:
    found = entry(case, compensation_id)
    expect_open(case, f"{'approving' if approve else 'rejecting'} {compensation_id}")
    # approved by the roles it was proposed with, it may still await one the policy now needs
    _expect(case, found, {entries.PROPOSED, entries.APPROVED}, "approved or rejected")
    pending = _pending(policy, found)
    if not pending and found["approvals"]:
        granted = ", ".join(sorted({a["role"] for a in found["approvals"]}))
        raise StepOutOfTurn(
            "role",
            f"compensation {compensation_id} is already approved (by {granted}) and awaits "
            "no other approval",
        )
    if role not in pending:
        needed = ", ".join(sorted(pending)) or "no role (no approval is needed)"
        raise InvalidInput(
            "role", f"compensation {compensation_id} awaits approval by {needed}, not {role!r}"
        )
    kind = "compensation_approved" if approve else "compensation_rejected"
    return draft(kind, {"id": compensation_id, "role": role, "by": actor}, "", actor)


def offer(
    policy: AssessingPolicy,
    storage: Storage,
    case: Case,
    compensation_id: str,
    now: datetime,
    draft: type[Draft],
    actor: str,
) -> Draft:
    found = entry(case, compensation_id)
    expect_open(case, f"offering {compensation_id}")
    _expect(case, found, {entries.PROPOSED, entries.APPROVED}, "offered")
    missing = _pending(policy, found)
    if missing:
        raise InvalidInput(
            "compensation",
            f"compensation {compensation_id} totals {_total(found)}{_weighed(found)} and needs "
            "approval by "
            f"{', '.join(sorted(missing))} before it is offered",
        )
    _rows_pay_once(case, found)
    _refunds_fit(case, found)
    not_short(case, found, f"offering {compensation_id}")
    section = compensation_policy(policy)
    offered = {**found, "status": entries.OFFERED, "offered_at": now.isoformat()}
    given = [*_standing_elsewhere(storage, case), *_others_of(case, found), offered]
    for cap in section.caps:
        if not _weighs(cap, offered, now):
            continue  # no money of the cap's kinds: nothing it could be over by
        _counts_all(cap, given, now, f"offering {compensation_id}", case.customer_id)
        used = storage.compensation_total(
            case.customer_id, cap.since(now), cap.limit.currency, cap.kinds
        )
        this = entries.given_amount([offered], cap.since(now), cap.limit.currency, cap.kinds)
        after = used + Money(this, cap.limit.currency)
        if after > cap.limit:
            raise InvalidInput(
                "compensation",
                f"offering {compensation_id} would give customer {case.customer_id} "
                f"{after.shown()}, over the cap ({cap.describe()}; "
                f"already {used.shown()}); propose again to fit what remains",
            )
    return draft("compensation_offered", {"id": compensation_id, "by": actor}, "", actor)


def _rows_pay_once(case: Case, found: Mapping[str, Any]) -> None:
    """A remedy kind pays once per case: two proposals decided before either was offered
    each saw none of the other's money, so the second offered would pay the damages again
    (whichever rows gave them: a row renamed since is the same money, and goodwill in
    another form the same goodwill)."""
    decision = found["decision"]
    paid = entries.paid_by_kind(_others_of(case, found), decision["currency"])
    counted: dict[str, Decimal] = {}  # what the decision took off for them
    paying: dict[str, Decimal] = {}  # and what it still pays
    rows: dict[str, str] = {}  # the row paying each kind, to name it
    for remedy in decision.get("remedies", []):
        if remedy.get("kind") == "refund" and not remedy.get("beyond_paid"):
            continue  # held to what was paid instead (``_refunds_fit``)
        kind = entries.counted_as(str(remedy.get("kind", "")))
        rows.setdefault(kind, str(remedy.get("row", "")))
        already = (remedy.get("already") or {}).get("amount", "0")
        counted[kind] = total((counted.get(kind, Decimal(0)), Decimal(already)))
        pays = (remedy.get("amount") or {}).get("amount", "0")
        paying[kind] = total((paying.get(kind, Decimal(0)), Decimal(pays)))
    for kind, others in paid.items():
        if paying.get(kind) and others > counted[kind]:
            raise InvalidInput(
                "compensation",
                f"offering {found['id']} would pay row {rows[kind]}'s {kind} again on case "
                f"{case.id} ({others} {decision['currency']} of {kind} is offered already); "
                "propose again to pay what the case adds",
            )
    _row_paid_in_another_currency(case, found, paying, rows)


def _row_paid_in_another_currency(
    case: Case,
    found: Mapping[str, Any],
    paying: Mapping[str, Decimal],
    rows: Mapping[str, str],
) -> None:
    """A remedy kind paid on the case in another currency (600 EUR under EU 261, the policy
    since changed to pounds) cannot be told from the new decision's money without a rate:
    the offer is refused rather than the case being paid twice."""
    currency = found["decision"]["currency"]
    others = _others_of(case, found)
    currencies = {
        str(remedy["amount"]["currency"])
        for entry in others
        for remedy in entry.get("decision", {}).get("remedies", [])
        if remedy.get("amount")
    } - {currency}
    for other in sorted(currencies):
        for kind, amount in entries.paid_by_kind(others, other).items():
            if paying.get(kind) and amount:
                raise InvalidInput(
                    "compensation",
                    f"offering {found['id']} would pay row {rows[kind]}'s {kind} on case "
                    f"{case.id}, which already has {amount} {other} of it offered, in another "
                    f"currency than this {currency}, and no rate converts it; decide this "
                    "compensation by hand",
                )


def _refunds_fit(case: Case, found: dict[str, Any]) -> None:
    """A case's offers together pay back at most what was paid: two proposals decided before
    either was offered each saw all of it as still to refund."""
    inputs = found["decision"].get("inputs", {})
    paid = inputs.get("paid") or inputs.get("amount")
    if paid is None:
        return
    currency = paid["currency"]
    offered = {**found, "status": entries.OFFERED, "offered_at": entries.EVER.isoformat()}
    _refunds_in_one_currency(case, found, offered, paid)
    before = entries.refunded(_others_of(case, found), currency)
    this = entries.refunded([offered], currency)
    after = total((before, this))
    if before and after > Decimal(paid["amount"]):
        raise InvalidInput(
            "compensation",
            f"offering {found['id']} would refund {after} {currency} on case {case.id}, "
            f"more than the {Decimal(paid['amount'])} {currency} paid ({before} {currency} is "
            "already offered back); propose again to refund what remains",
        )


def _refunds_in_one_currency(
    case: Case, found: Mapping[str, Any], offered: Mapping[str, Any], paid: Mapping[str, str]
) -> None:
    """A refund of the price beside money the case's other offers paid back in another
    currency (a policy in dollars since changed to yuan) cannot be weighed against what
    was paid without a rate: the offer is refused rather than both refunding in full."""
    currency = paid["currency"]
    others = entries.refunded_by_currency(_others_of(case, found))
    foreign = [Money(a, c).shown() for c, a in sorted(others.items()) if c != currency]
    this = entries.refunded_by_currency([offered])
    if foreign and this:
        shown = ", ".join(Money(a, c).shown() for c, a in sorted(this.items()))
        raise InvalidInput(
            "compensation",
            f"offering {found['id']} would refund {shown} on case {case.id}, which already has "
            f"{', '.join(foreign)} offered back, in another currency than the "
            f"{Money(paid['amount'], currency).shown()} paid, and no rate converts it; decline "
            "that offer, or decide this compensation by hand",
        )


def answer(
    case: Case, compensation_id: str, draft: type[Draft], actor: str, reason: str, *, accept: bool
) -> Draft:
    found = entry(case, compensation_id)
    expect_open(case, f"answering {compensation_id}")
    _expect(case, found, {entries.OFFERED}, "accepted or declined")
    if accept:
        not_short(case, found, f"accepting {compensation_id}")
    kind = "compensation_accepted" if accept else "compensation_declined"
    return draft(kind, {"id": compensation_id, "by": actor, "reason": reason}, reason, actor)


def accepted_fits(
    policy: AssessingPolicy, storage: Storage, case: Case, compensation_id: str, clock: Clock
) -> None:
    """Accepting re-checks every cap against the money the customer already accepted: an
    offer that lapsed with its case stands again when the case is reopened, and with the
    room it left offered to another case meanwhile, both could otherwise be accepted."""
    section = policy.compensation
    if section is None or not section.caps:
        return
    found, now = entry(case, compensation_id), clock.now()
    if found["status"] != entries.OFFERED or not case.is_open:
        return  # ``answer`` says why it cannot be accepted
    others = [c for c in storage.find(CaseQuery(customer_id=case.customer_id)) if c.id != case.id]
    accepted = [
        e for c in (*others, case) for e in c.compensation if e.get("status") == entries.ACCEPTED
    ]
    for cap in section.caps:
        if not _weighs(cap, found, now):
            continue
        _counts_all(cap, [*accepted, found], now, f"accepting {compensation_id}", case.customer_id)
        since, currency = cap.since(now), cap.limit.currency
        already = entries.given_amount(accepted, since, currency, cap.kinds)
        this = entries.given_amount([found], since, currency, cap.kinds)
        after = total((already, this))
        if after > cap.limit.amount:
            raise InvalidInput(
                "compensation",
                f"accepting {compensation_id} would give customer {case.customer_id} "
                f"{Money(after, currency).shown()}, over the cap ({cap.describe()}; already "
                f"accepted {Money(already, currency).shown()}); decline it and propose again "
                "to fit what remains",
            )


def _standing_elsewhere(storage: Storage, case: Case) -> list[Mapping[str, Any]]:
    """The entries of the customer's other cases whose money still counts."""
    found = storage.find(CaseQuery(customer_id=case.customer_id))
    return [
        e for c in found if c.id != case.id for e in entries.standing(c.compensation, c.is_open)
    ]


def _others_of(case: Case, found: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [e for e in case.compensation if e["id"] != found["id"]]


def _weighs(cap: CustomerCap, found: Mapping[str, Any], now: datetime) -> bool:
    """Whether ``found`` gives money of ``cap``'s kinds (in any currency): an offer of none
    (statutory damages under a goodwill cap) adds nothing to it, so no cap refuses it, even
    for a customer already over a cap since lowered or given money in another currency."""
    return any(entries.given_by_currency([found], cap.since(now), cap.kinds).values())


def _counts_all(
    cap: CustomerCap, given: list[Mapping[str, Any]], now: datetime, action: str, customer: str
) -> None:
    """A cap counts money in its own currency only: money of its kinds in another, which it
    cannot weigh without a rate, refuses the step instead of passing uncounted."""
    by_currency = entries.given_by_currency(given, cap.since(now), cap.kinds)
    others = {c: amount for c, amount in by_currency.items() if c != cap.limit.currency and amount}
    if others:
        shown = ", ".join(f"{amount} {currency}" for currency, amount in others.items())
        raise InvalidInput(
            "compensation",
            f"{action} cannot be checked against the cap: customer {customer} has {shown} "
            f"offered or accepted within the window of a cap in {cap.limit.currency} "
            f"({cap.describe()}), which counts only {cap.limit.currency}; "
            "decide this compensation by hand",
        )


def _weighed(found: dict[str, Any]) -> str:
    """What the proposal was weighed at with the money its case already offers or gave,
    when that is not its own total: why 100 may need a role whose threshold is 450."""
    weighed = found["decision"].get("weighed_total")
    if weighed is None:
        return ""
    return f" (with what the case already offers or gave, {Money.from_json(weighed).shown()})"


def _total(found: dict[str, Any]) -> str:
    total = found["decision"]["total"]
    return f"{Decimal(total['amount'])} {total['currency']}"
