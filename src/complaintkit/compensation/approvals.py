"""Approval thresholds: an offer above an amount needs a named role's approval first.

``approvals: [{above: 1000, role: supervisor}, {above: 5000, role: director}]`` — the role
of the highest threshold the decision's total exceeds must approve before it is offered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from complaintkit.compensation.formulas import FormulaCompiler
from complaintkit.model.money import Money


@attrs.frozen
class Threshold:
    above: Money
    role: str
    path: str


def required(thresholds: Sequence[Threshold], total: Money) -> Threshold | None:
    """The highest threshold ``total`` exceeds, or None when no approval is needed."""
    exceeded = [t for t in thresholds if total > t.above]
    return max(exceeded, key=lambda t: t.above.amount, default=None)


def required_on_case(
    thresholds: Sequence[Threshold], total: Money, on_case: Mapping[str, Decimal]
) -> tuple[Money, Threshold | None]:
    """What a proposal of ``total`` is weighed at, and the threshold that needs: its total
    with the money its case already offers or gave (``on_case``, by currency). A row
    decided again pays only what it adds, so weighing that part alone let 1,200 be paid in
    three steps of 400, each under a threshold of 500. Money on the case in another
    currency cannot be added without a rate: it needs the role of the highest threshold.
    A total of nothing needs none."""
    if not total.amount:
        return total, None
    weighed = total + Money(on_case.get(total.currency, Decimal(0)), total.currency)
    if any(amount for currency, amount in on_case.items() if currency != total.currency):
        return weighed, max(thresholds, key=lambda t: t.above.amount, default=None)
    return weighed, required(thresholds, weighed)


def awaited(found: Mapping[str, Any], thresholds: Sequence[Threshold]) -> set[str]:
    """The roles still to approve compensation entry ``found``: the one its total needed
    when proposed, and the one ``thresholds`` (the policy in force) name for it, a
    threshold lowered since; less those who approved. A total in another currency than
    the thresholds (the policy's currency changed since) cannot be weighed against them
    without a rate: its money awaits the role of the highest one. The Desk offers it, and
    a letter tells of its money, only when none is left: both read the case as it is now."""
    needed = set(found.get("approvals_needed", []))
    decision = found["decision"]  # as stored: remedies within bounds may sum beyond
    stored = decision.get("weighed_total") or decision["total"]
    total = Money(stored["amount"], stored["currency"])
    in_force = required([t for t in thresholds if t.above.currency == total.currency], total)
    unweighed = [t for t in thresholds if t.above.currency != total.currency]
    if unweighed and total.amount:  # proposed under a policy in another currency
        in_force = max(unweighed, key=lambda t: t.above.amount)
    needed |= set() if in_force is None else {in_force.role}
    return needed - {a["role"] for a in found.get("approvals", [])}


def compile_thresholds(data: object, path: str, compiler: FormulaCompiler) -> list[Threshold]:
    if not isinstance(data, list):
        compiler.error(path, "approvals must be a list of {above: <amount>, role: <name>}")
        return []
    thresholds: list[Threshold] = []
    for i, item in enumerate(data):
        where = f"{path}[{i}]"
        if not isinstance(item, dict) or set(item) != {"above", "role"}:
            compiler.error(
                where,
                f"an approval threshold is {{above: <amount>, role: <name>}} (got {item!r})",
                "e.g. {above: 1000, role: supervisor}",
            )
            continue
        role = item["role"]
        if not isinstance(role, str) or not role.strip():
            compiler.error(f"{where}.role", "role must be a non-empty name such as supervisor")
            continue
        above = compiler.money(item["above"], f"{where}.above")
        if above is None:
            continue
        same = next((t for t in thresholds if t.above.amount == above.amount), None)
        if same is not None:  # the first listed would approve, the other never
            compiler.error(
                f"{where}.above",
                f"{role} and {same.role} ({same.path}) both approve above {above.shown()}, "
                "so which one approves is left to the order they are listed in",
                "give each role its own threshold, or one role per threshold",
                "approval-twice",
            )
            continue
        thresholds.append(Threshold(above, role, where))
    return thresholds
