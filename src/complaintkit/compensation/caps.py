"""Per-customer caps: at most so much money per customer over a window, across all cases.

``caps: [{limit: 500, days: 90, kinds: [voucher, cash]}]`` — the guard against
compensation-seeking (求补偿心理). What a customer already received is what storage holds as
standing on offer or accepted in the window (``Storage.compensation_total``); a decision that would
go over is reduced, remedy by remedy in row order, to what remains. By default a cap counts
goodwill money (voucher, credit, cash), not refunds of what was paid nor damages the law owes.
A cap counts its own currency only; deciding, offering or accepting money of its kinds is
refused when the customer has money of them in another within the window
(``in_other_currencies``; ``desk.compensation`` for the offer and the acceptance).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Final

import attrs

from complaintkit.compensation.formulas import FormulaCompiler
from complaintkit.compensation.remedies import MONEY_KINDS
from complaintkit.errors import Problem
from complaintkit.model.money import Money
from complaintkit.policy.conditions import Locate
from complaintkit.sla.durations import MAX_DAYS

DEFAULT_KINDS: Final = ("voucher", "credit", "cash")


@attrs.frozen
class CustomerCap:
    limit: Money
    days: int
    kinds: tuple[str, ...]
    path: str

    def since(self, now: datetime) -> datetime:
        """The window's start: ``days`` of real time before ``now``, reckoned in UTC (on a
        zoned clock's wall it would be an hour off across a change of the clocks)."""
        return now.astimezone(UTC) - timedelta(days=self.days)

    def describe(self) -> str:
        return f"at most {self.limit.shown()} per customer over {self.days} days ({', '.join(self.kinds)})"


@attrs.frozen
class CapUse:
    """How a cap stood for one decision: already used, remaining, and what it cut."""

    cap: CustomerCap
    used: Money
    remaining: Money
    reduced_by: Money

    def to_json(self) -> dict[str, object]:
        return {
            "limit": self.cap.limit.shown_json(),
            "days": self.cap.days,
            "kinds": list(self.cap.kinds),
            "used": self.used.shown_json(),
            "remaining": self.remaining.shown_json(),
            "reduced_by": self.reduced_by.shown_json(),
        }


def compile_caps(data: object, path: str, compiler: FormulaCompiler) -> list[CustomerCap]:
    if not isinstance(data, list):
        compiler.error(path, "caps must be a list of {limit: <amount>, days: <n>, kinds: [...]}")
        return []
    caps = []
    for i, item in enumerate(data):
        where = f"{path}[{i}]"
        if not isinstance(item, dict) or not {"limit", "days"} <= set(item) <= {
            "limit",
            "days",
            "kinds",
        }:
            compiler.error(
                where,
                f"a cap is {{limit: <amount>, days: <n>, kinds: [...]}} (got {item!r})",
                "e.g. {limit: 500, days: 90}",
            )
            continue
        days = item["days"]
        window = isinstance(days, int) and not isinstance(days, bool) and 1 <= days <= MAX_DAYS
        if not window:
            compiler.error(
                f"{where}.days",
                f"days must be a whole number from 1 to {MAX_DAYS} (got {days!r})",
                "a cap's window is at most 100 years",
            )
        kinds = item.get("kinds", list(DEFAULT_KINDS))
        counted = isinstance(kinds, list) and kinds and set(kinds) <= set(MONEY_KINDS)
        if not counted:
            compiler.error(
                f"{where}.kinds",
                f"kinds must list money remedies from {', '.join(MONEY_KINDS)} (got {kinds!r})",
            )
        limit = compiler.money(item["limit"], f"{where}.limit")  # each part checked, in one run
        if limit is not None and limit.amount < 0:
            compiler.error(f"{where}.limit", f"limit must not be negative (got {limit})")
        elif limit is not None and window and counted:
            caps.append(CustomerCap(limit, days, tuple(kinds), where))
    return caps


def unused_caps(
    caps: Sequence[CustomerCap], given: Collection[str], locate: Locate
) -> list[Problem]:
    """Caps on kinds no row (nor the default) gives: a cap that can never limit anything
    is most likely a typo or a leftover. A cap that counts some kind a row gives is fine,
    so a cap may name kinds a policy extending this one adds."""
    problems = []
    for cap in caps:
        if any(kind in given for kind in cap.kinds):
            continue
        names = ", ".join(cap.kinds)
        problems.append(
            Problem(
                locate(f"{cap.path}.kinds"),
                f"this cap counts {names}, which no row gives, so it never limits anything",
                "name the kinds the rows give (voucher, credit, cash by default), or remove it",
                "warning",
                "cap-unused",
            )
        )
    return problems


def remaining(cap: CustomerCap, used: Money) -> Money:
    left = cap.limit - used
    return left if left.amount > 0 else Money.zero(cap.limit.currency)


def fit(amounts: Sequence[Money], room: Money) -> list[Money]:
    """Reduce ``amounts`` in order so they sum to at most ``room``."""
    out = []
    for amount in amounts:
        take = amount if amount <= room else room
        out.append(take)
        room = room - take
    return out


def in_other_currencies(cap: CustomerCap, given: Mapping[str, Decimal]) -> str | None:
    """Why money of ``cap``'s kinds cannot be weighed against it when the customer was
    ``given`` (by currency, in its window) money in another currency, or None."""
    others = [
        Money(a, c).shown() for c, a in sorted(given.items()) if c != cap.limit.currency and a
    ]
    if not others:
        return None
    return (
        f"cannot be held to the cap ({cap.describe()}): the customer "
        f"has {', '.join(others)} of its kinds offered or accepted within its window, in "
        f"another currency than the cap's {cap.limit.currency}, and no rate converts it; "
        "decide this compensation by hand"
    )
