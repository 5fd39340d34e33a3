"""Deciding what one case earns: the row, each remedy's amount, caps and approvals.

``decide(policy, case, facts, history)`` runs the compensation table over the case's facts,
works out every remedy of the matched row(s), applies the per-customer caps against what
the customer already received (from ``history``), and names the approval the total needs.
The result explains itself (:meth:`Decision.explain`).

``facts`` adds what the case record does not hold: ``fraud: true``, ``fault: merchant``,
``flight: {distance_km: 1800}``, and Money inputs for formulas (``price``, ``loss``). They
lie over the complaint's and the case's ``attributes`` (:mod:`complaintkit.policy.supplied`),
so the Desk, ``explain`` and policy tests read the same facts by the same names.
``amount`` is the complaint's amount; ``price`` and ``paid`` default to it, and to each other.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal, DecimalException, localcontext
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol, TypeGuard, runtime_checkable

import attrs

from complaintkit.compensation.approvals import Threshold, required_on_case
from complaintkit.compensation.caps import CapUse, CustomerCap, fit, in_other_currencies, remaining
from complaintkit.compensation.explain import render_decision
from complaintkit.compensation.formula_protocol import Context
from complaintkit.compensation.inputs import MissingInput, case_amount
from complaintkit.compensation.remedies import Remedy, render_label
from complaintkit.compensation.unread_money import UnreadFact, unread_money
from complaintkit.compensation.unread_numbers import refuse_unread_numbers
from complaintkit.errors import InvalidInput
from complaintkit.model.compensation import (
    EVER,
    counted_as,
    given_by_currency,
    paid_by_kind,
    refunded_by_currency,
    rows_paying,
    standing,
)
from complaintkit.model.money import ARITHMETIC, Money, check_size
from complaintkit.policy.case_record import case_record
from complaintkit.policy.facts import Facts
from complaintkit.policy.history_facts import HISTORY_FACTS
from complaintkit.policy.numeric_text import number_in_text
from complaintkit.policy.policy_numbers import MAX_DIGITS
from complaintkit.policy.supplied import supplied_facts
from complaintkit.policy.tables import TableTrace
from complaintkit.policy.unread_numbers import written_bare

if TYPE_CHECKING:
    from complaintkit.compensation.policy import CompensationPolicy
    from complaintkit.model.case import Case

#: A case's earlier refunds count against what was paid whenever they were offered.

#: History facts a compensation condition may ask for (``{history: ..., ">=": 3}``).


class CompensationHistory(Protocol):
    """What deciding needs from the customer's past; the Desk answers from storage."""

    def compensation_total(self, since: datetime, currency: str, kinds: tuple[str, ...]) -> Money:
        """Money of ``kinds`` standing on offer to this customer, or accepted since ``since``."""
        ...


@runtime_checkable
class CurrencyHistory(Protocol):
    """A history that also answers in every currency (the Desk's does): a cap counts its
    own currency only, so money of its kinds in another refuses the decision (``caps``)."""

    def compensation_by_currency(
        self, since: datetime, kinds: tuple[str, ...]
    ) -> Mapping[str, Decimal]:
        """``compensation_total`` in every currency, by currency."""
        ...


@attrs.frozen
class RemedyDecision:
    """One remedy as decided: its amount (None when not money) and how it was reached."""

    kind: str
    label: Mapping[str, str]
    row: str
    amount: Money | None = None
    steps: tuple[str, ...] = ()
    floor: Money | None = None
    cap: Money | None = None
    reduced_by: Money | None = None
    formula: str = ""
    #: the input fact this remedy's amount is waiting for (deciding with ``partial=True``)
    needs: str | None = None
    #: a refund the law owes beyond the price (``beyond_paid``): no price holds it
    beyond_paid: bool = False
    #: what earlier offers of this row already paid of this kind on the case, taken off (of
    #: a refund held to what was paid: what earlier offers had paid back of the price)
    already: Money | None = None

    @property
    def title(self) -> str:
        return render_label(self.label, self.kind)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": dict(self.label),
            "row": self.row,
            "amount": None if self.amount is None else self.amount.shown_json(),
            "formula": self.formula,
            "steps": list(self.steps),
            "floor": None if self.floor is None else self.floor.shown_json(),
            "cap": None if self.cap is None else self.cap.shown_json(),
            "reduced_by": None if self.reduced_by is None else self.reduced_by.shown_json(),
            "needs": self.needs,
            **({"beyond_paid": True} if self.beyond_paid else {}),
            **({"already": self.already.shown_json()} if self.already is not None else {}),
        }


@attrs.frozen
class Decision:
    """What a case earns under a compensation policy, with everything ``explain`` prints."""

    case_id: str
    currency: str
    rows: tuple[str, ...]
    used_default: bool
    remedies: tuple[RemedyDecision, ...]
    total: Money
    inputs: Mapping[str, Money]
    approval: Threshold | None = None
    caps: tuple[CapUse, ...] = ()
    trace: TableTrace | None = None
    #: The total with the money the case already offers or gave, which ``approval`` weighs;
    #: ``None`` when the case has none.
    weighed: Money | None = None
    #: (row id, description) of each matched row that has one: the rule it pays under
    described: tuple[tuple[str, str], ...] = ()
    #: facts a row would have paid as money that are none (``loss: 200``, no currency)
    unread: tuple[UnreadFact, ...] = ()

    @property
    def needs(self) -> tuple[str, ...]:
        """Input facts some remedy's amount is waiting for; the total leaves them out."""
        return tuple(sorted({r.needs for r in self.remedies if r.needs is not None}))

    @property
    def approvals_needed(self) -> tuple[str, ...]:
        return () if self.approval is None else (self.approval.role,)

    def explain(self) -> str:
        return render_decision(self)

    def to_json(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "currency": self.currency,
            "rows": list(self.rows),
            "used_default": self.used_default,
            "remedies": [r.to_json() for r in self.remedies],
            "total": self.total.shown_json(),
            "inputs": {k: v.shown_json() for k, v in self.inputs.items()},
            "approvals_needed": list(self.approvals_needed),
            "approval_threshold": None
            if self.approval is None
            else self.approval.above.shown_json(),
            **({} if self.weighed is None else {"weighed_total": self.weighed.shown_json()}),
            "caps": [c.to_json() for c in self.caps],
            "needs": list(self.needs),
            **({"unread": [u.to_json() for u in self.unread]} if self.unread else {}),
        }


def formula_inputs(case: Case, supplied: Mapping[str, object]) -> dict[str, Money]:
    """Named Money inputs: Money facts, ``amount``, and price/paid defaults."""
    inputs = {k: v for k, v in supplied.items() if isinstance(v, Money)}
    for name, money in inputs.items():
        _check_input(name, money)
    amount = case_amount(case) if "amount" not in supplied else None
    if amount is not None:  # an amount given as no money is refused
        inputs["amount"] = amount
    defaults = (("price", "amount"), ("paid", "amount"), ("price", "paid"), ("paid", "price"))
    for name, fallback in defaults:
        if fallback in inputs and name not in supplied:  # a price given as no money is refused
            inputs.setdefault(name, inputs[fallback])
    return inputs


def _check_input(name: str, money: Money) -> None:
    """A Money fact a formula may read holds what a customer paid or lost: never negative,
    and within what ``Money.from_json`` takes from outside (an application builds its own)."""
    if money.amount < 0:
        raise InvalidInput(
            f"facts.{name}",
            f"{money} is negative; a remedy is worked out from what the customer paid or lost",
        )
    check_size(money.amount, f"facts.{name}")


def numeric_facts(facts: Mapping[str, object], prefix: str = "") -> dict[str, Decimal]:
    """Every number among ``facts`` by dotted name, for formula factors."""
    numbers: dict[str, Decimal] = {}
    for name, value in facts.items():
        path = f"{prefix}{name}"
        if isinstance(value, Mapping):
            numbers.update(numeric_facts(value, f"{path}."))
        elif isinstance(value, int | Decimal) and not isinstance(value, bool):
            numbers[path] = Decimal(value)
        elif isinstance(value, float):
            numbers[path] = Decimal(repr(value))
        elif isinstance(value, str) and _counts(number := number_in_text(value)):
            numbers[path] = number  # as a condition reads it: "4" days late is 4
    return numbers


def _counts(number: Decimal | None) -> TypeGuard[Decimal]:
    """A number read from text that a factor can take ("1e999999" would overflow)."""
    return number is not None and abs(number.adjusted()) <= MAX_DIGITS


def _fact(facts: Mapping[str, object], name: str) -> object:
    """The fact at the dotted ``name``, or None."""
    value: object = facts
    for part in name.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _not_a_number(facts: Mapping[str, object], name: str) -> str | None:
    """How the fact ``name`` reads when it is there but is no number (``true``, "three")."""
    value = _fact(facts, name)
    if isinstance(value, bool):
        return str(value).lower()
    return repr(value) if isinstance(value, str) else None


def _history_provider(history: object) -> Any:
    """Answer ``{history: complaints_in_last_days: 90}`` from ``history`` when it can."""

    def provide(name: str, argument: object) -> object:
        method = getattr(history, name, None) if name in HISTORY_FACTS else None
        if method is None:
            return None
        return method() if argument is None else method(argument)

    return provide


def decide(
    policy: CompensationPolicy,
    case: Case,
    facts: Mapping[str, object] | None = None,
    history: CompensationHistory | None = None,
    *,
    now: datetime | None = None,
    partial: bool = False,
) -> Decision:
    """What ``case`` earns. Without ``history``, per-customer caps count nothing as used.

    A formula input nobody supplied raises ``MissingInput``; with ``partial`` the remedy is
    kept without an amount and named in ``Decision.needs`` (``explain`` shows the rest).
    Worked out in ``ARITHMETIC``, not the application's decimal context, whose precision
    would round sums and make rounding to the currency's unit fail.
    """
    with localcontext(ARITHMETIC):
        return _decide(policy, case, facts, history, now=now, partial=partial)


def _decide(
    policy: CompensationPolicy,
    case: Case,
    facts: Mapping[str, object] | None,
    history: CompensationHistory | None,
    *,
    now: datetime | None,
    partial: bool,
) -> Decision:
    now = now if now is not None else datetime.now(UTC)
    record = Facts(case_record(case, facts), _history_provider(history))
    refuse_unread_numbers(policy.table.rows, policy.table.hit_policy, record)
    trace = policy.table.explain(record)
    result = policy.table.evaluate(record)
    chosen: list[tuple[str, Remedy]] = [
        (row.id, remedy) for row in result.rows for remedy in policy.remedies[row.index]
    ]
    if not result.rows and policy.default is not None:
        chosen = [("default", remedy) for remedy in policy.default]
    supplied = supplied_facts(case.complaint.attributes, case.attributes, facts=facts)
    inputs = formula_inputs(case, supplied)
    # copies, read-only: a plugin formula changing a fact it reads (the case's attributes
    # among them) must change neither the case nor what the next remedy reads
    not_money = copy.deepcopy({k: v for k, v in supplied.items() if k not in inputs})
    context = Context(
        policy.currency,
        MappingProxyType(inputs),
        policy.rounding,
        MappingProxyType(numeric_facts(supplied)),
        MappingProxyType(not_money),
        frozenset(k for k, v in supplied.items() if isinstance(v, Money)),
    )
    decided = [_remedy(row, remedy, context, supplied, partial=partial) for row, remedy in chosen]
    counted = standing(case.compensation, case.is_open)
    _hold_refunds(decided, [r for _, r in chosen], inputs, refunded_by_currency(counted))
    _hold_repeats(decided, counted, policy.currency)
    cap_uses = []
    for cap in policy.caps:
        _cap_counts_all(cap, decided, history, now)
        used = (
            Money.zero(policy.currency)
            if history is None
            else history.compensation_total(cap.since(now), policy.currency, cap.kinds)
        ).rounded(policy.rounding)
        room = remaining(cap, used).truncated()  # a limit of 100.5 JPY leaves 100, not 101
        capped = [i for i, r in enumerate(decided) if r.kind in cap.kinds and r.amount is not None]
        before = [decided[i].amount for i in capped]
        after = fit([a for a in before if a is not None], room)
        cut = Money.zero(policy.currency)
        for i, old, new in zip(capped, before, after, strict=True):
            assert old is not None
            if new != old:
                cut = cut + (old - new)
                previous = decided[i].reduced_by or Money.zero(policy.currency)
                decided[i] = attrs.evolve(
                    decided[i],
                    amount=new,
                    reduced_by=previous + (old - new),
                    steps=(*decided[i].steps, f"per-customer cap: lowered {old} to {new}"),
                )
        cap_uses.append(CapUse(cap, used, room, cut.rounded(policy.rounding)))
    total = Money.zero(policy.currency).rounded(policy.rounding)
    for remedy in decided:
        if remedy.amount is not None:
            total = total + remedy.amount
    weighed, approval = required_on_case(policy.thresholds, total, given_by_currency(counted, EVER))
    return Decision(
        case_id=case.id,
        currency=policy.currency,
        rows=tuple(row.id for row in result.rows),
        described=tuple(
            (row.id, policy.descriptions[row.index])
            for row in result.rows
            if row.index in policy.descriptions
        ),
        used_default=not result.rows and policy.default is not None,
        remedies=tuple(decided),
        total=total,
        inputs=MappingProxyType(inputs),
        approval=approval,
        caps=tuple(cap_uses),
        trace=trace,
        weighed=None if weighed == total else weighed,
        unread=unread_money(policy.table.rows, policy.table.hit_policy, record, policy.currency),
    )


def _cap_counts_all(
    cap: CustomerCap, decided: list[RemedyDecision], history: object, now: datetime
) -> None:
    """Refuse a decision giving money of ``cap``'s kinds beside money of them in another
    currency, which the cap cannot count without a rate (offering it would be refused too)."""
    paying = [
        r for r in decided if r.kind in cap.kinds and r.amount is not None and r.amount.amount
    ]
    if not paying or not isinstance(history, CurrencyHistory):
        return
    refused = in_other_currencies(cap, history.compensation_by_currency(cap.since(now), cap.kinds))
    if refused is not None:
        raise InvalidInput("compensation", f"the {paying[0].kind} of row {paying[0].row} {refused}")


def _hold_refunds(
    decided: list[RemedyDecision],
    remedies: list[Remedy],
    inputs: Mapping[str, Money],
    refunded: Mapping[str, Decimal],
) -> None:
    """Refunds of several rows (``collect``) or remedies together, with what earlier offers
    on the case already paid back (``refunded``, by currency), pay back at most what was
    paid, as each one alone does; those with ``beyond_paid`` are not held. Money paid back
    in another currency than the price cannot be taken off it without a rate: a refund
    held to that price is refused rather than decided as if nothing had been paid back."""
    paid = inputs.get("paid") or inputs.get("amount")
    if paid is None:
        return
    held_here = [
        (i, made)
        for i, (made, remedy) in enumerate(zip(decided, remedies, strict=True))
        if made.kind == "refund" and made.amount is not None and not remedy.beyond_paid
    ]
    _refunds_in_one_currency(held_here, paid, refunded)
    already = refunded.get(paid.currency, Decimal(0))
    # in the currency's units even when earlier offers used up more than was paid (0.00 CNY)
    # or were recorded finer than it is paid in (100.00 less 50.005 leaves 49.99 CNY)
    nothing = Money.zero(paid.currency).truncated()
    room = max((paid.truncated() - Money(already, paid.currency)).truncated(), nothing)
    for i, made in held_here:
        assert made.amount is not None
        held = min(made.amount, room)
        if held != made.amount:
            step = f"refunds together cannot exceed what was paid: lowered {made.amount} to {held}"
            before = None  # what earlier offers paid back, for the offer to check it still is
            if already:
                before = Money(already, paid.currency)
                step += f" ({before} already offered back on this case)"
            steps = (*made.steps, step)
            decided[i] = attrs.evolve(made, amount=held, cap=held, steps=steps, already=before)
        room = room - held


def _refunds_in_one_currency(
    held: list[tuple[int, RemedyDecision]], paid: Money, refunded: Mapping[str, Decimal]
) -> None:
    """Refuse refunds of ``paid`` beside money already paid back in another currency."""
    others = [Money(a, c).shown() for c, a in sorted(refunded.items()) if c != paid.currency]
    paying = [made for _, made in held if made.amount is not None and made.amount.amount]
    if others and paying:
        raise InvalidInput(
            "compensation",
            f"the {paying[0].kind} of row {paying[0].row} cannot be held to what was paid: "
            f"{', '.join(others)} is already offered back on this case, in another currency "
            f"than the {paid.shown()} paid, and no rate converts it; decline that offer, or "
            "decide this compensation by hand",
        )


def _hold_repeats(
    decided: list[RemedyDecision], counted: list[Mapping[str, Any]], currency: str
) -> None:
    """A case decided again (a retried proposal, a reopened case) pays of each remedy kind
    only what it adds to what its earlier offers there paid of that kind: statutory damages
    are owed once, and a voucher is the same voucher whether the row that gave it was since
    renamed by a policy change or the case now matches another row; goodwill is the same
    goodwill whether given as cash, a voucher or credit (``counted_as``). What was paid is
    taken off the remedies of that kind in order, once in all, what is left cut down to the
    currency's units. Refunds of the price are held to what was paid instead
    (``_hold_refunds``)."""
    left = paid_by_kind(counted, currency)
    for i, made in enumerate(decided):
        kind = counted_as(made.kind)
        if made.kind == "refund" and not made.beyond_paid:
            continue
        if not left.get(kind) or made.amount is None:
            continue
        taken = min(made.amount, Money(left[kind], made.amount.currency))
        left[kind] -= taken.amount
        # in the currency's units though an earlier offer was recorded finer (33.333 CNY)
        held = (made.amount - taken).truncated()
        rows = ", ".join(rows_paying(counted, currency, made.kind))
        what = made.kind if kind == made.kind else f"{kind} (voucher, credit or cash)"
        step = f"row(s) {rows} already offered {taken} of this {what} on this case: {held}"
        decided[i] = attrs.evolve(made, amount=held, already=taken, steps=(*made.steps, step))


def _remedy(
    row: str, remedy: Remedy, context: Context, given: Mapping[str, object], *, partial: bool
) -> RemedyDecision:
    try:
        amount = remedy.evaluate(context)
    except MissingInput as missing:
        if (shown := _not_a_number(given, missing.name)) is not None:
            value = _fact(given, missing.name)
            hint = f"; {written_bare(missing.name, value)}" if isinstance(value, str) else ""
            raise InvalidInput(f"facts.{missing.name}", f"is {shown}, not a number{hint}") from None
        if not partial:
            raise
        formula = remedy.formula.describe() if remedy.formula is not None else ""
        return RemedyDecision(remedy.kind, remedy.label, row, formula=formula, needs=missing.name)
    except InvalidInput as refused:  # a plugin formula's answer, named with its row
        if refused.field.startswith(("facts.", "complaint.")):  # what it read: as sent
            raise
        raise InvalidInput(
            f"compensation.{row}", f"the {remedy.kind} remedy: {refused.message}"
        ) from None
    except DecimalException:  # e.g. a factor from the facts that overflows the context
        raise InvalidInput(
            f"compensation.{row}",
            f"the {remedy.kind} remedy's amount is beyond what money can hold; "
            "check the facts its formula multiplies by",
        ) from None
    if amount is None:
        return RemedyDecision(remedy.kind, remedy.label, row)
    formula = remedy.formula.describe() if remedy.formula is not None else ""
    return RemedyDecision(
        remedy.kind,
        remedy.label,
        row,
        amount.value,
        amount.steps,
        amount.floor,
        amount.cap,
        formula=formula,
        beyond_paid=remedy.beyond_paid,
    )
