"""An offer does not pay short for money an offer since declined was to pay.

A remedy kind pays once per case, and refunds together never more than was paid, so a proposal
decided while an earlier offer stood takes that offer's money off (``already`` on its
remedies). Once the customer declines the earlier offer, it pays nothing: the later
proposal would pay the row's damages, or refund the price, short of what is owed (under
食品安全法 第一百四十八条, 0.00 of 2,020 yuan). Offering or accepting it is refused, saying
to propose again, which decides against what still stands.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from complaintkit.errors import InvalidInput
from complaintkit.model import compensation as entries
from complaintkit.model.case import Case
from complaintkit.model.money import Money, total


def not_short(case: Case, found: Mapping[str, Any], action: str) -> None:
    """Refuse ``action`` on entry ``found`` when it took off more than the case's other
    offers still pay, of a row's kind or of the price."""
    others = [e for e in case.compensation if e["id"] != found["id"]]
    decision = found["decision"]
    currency = decision["currency"]
    paid = entries.paid_by_kind(others, currency)
    for (row, kind), taken in _taken(decision, refunds=False).items():
        stands = paid.get(kind, Decimal(0))
        if taken > stands:
            raise InvalidInput(
                "compensation",
                f"{action} would pay row {row}'s {kind} short on case {case.id}: it took off "
                f"{Money(taken, currency).shown()} that earlier offers paid, and only "
                f"{Money(stands, currency).shown()} of it still stands (one was declined); "
                "propose again to pay the whole row",
            )
    held_to = max(_taken(decision, refunds=True).values(), default=Decimal(0))
    stands = entries.refunded(others, currency)
    if held_to > stands:
        raise InvalidInput(
            "compensation",
            f"{action} would refund short on case {case.id}: it was held to the "
            f"{Money(held_to, currency).shown()} earlier offers paid back of the price, and "
            f"only {Money(stands, currency).shown()} still is (one was declined); propose "
            "again to refund what remains",
        )


def _taken(decision: Mapping[str, Any], *, refunds: bool) -> dict[tuple[str, str], Decimal]:
    """What ``decision`` took off for earlier offers (``already``), by kind (keyed with the
    first row taking it off, to name it): of its refunds of the price (what had been paid
    back), or of its other remedies."""
    taken: dict[tuple[str, str], Decimal] = {}
    rows: dict[str, str] = {}
    for remedy in decision.get("remedies", []):
        refund = remedy.get("kind") == "refund" and not remedy.get("beyond_paid")
        already = remedy.get("already")
        if refund != refunds or not already:
            continue
        kind = entries.counted_as(str(remedy.get("kind", "")))
        key = (rows.setdefault(kind, str(remedy.get("row", ""))), kind)
        taken[key] = total((taken.get(key, Decimal(0)), Decimal(already["amount"])))
    return taken
