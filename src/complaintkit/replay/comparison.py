"""The running tally of a replay: per-dimension counts, changed cases, money totals.

It holds counters, not cases, so a replay of millions of cases needs the memory of one;
only the first ``limit`` changed cases are kept by name (all are counted).
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

import attrs

from complaintkit.model.money import ARITHMETIC
from complaintkit.replay.outcome import DECIDED, Outcome
from complaintkit.reports.metrics import money_figure

#: Which policy a figure belongs to.
SIDES = ("current", "candidate")


@attrs.define
class ChangedCase:
    case_id: str
    changes: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"case_id": self.case_id, "changes": self.changes}


@attrs.define
class Comparison:
    """Current against candidate over every replayed case."""

    limit: int = 50
    cases: int = 0
    changed: int = 0
    #: Changed cases whose stored history has SLA work due that no tick stored by then: a
    #: store whose scheduler lags differs from any policy's replay there, its own too.
    lagging: int = 0
    listed: list[ChangedCase] = attrs.field(factory=list)
    #: (dimension, value) → count, per side: ("breached", "first_response"), ("category", "product")…
    #: A field the policy left unset (no team) is the value None.
    counts: dict[str, Counter[tuple[str, str | None]]] = attrs.field(
        factory=lambda: {side: Counter() for side in SIDES}
    )
    money: dict[str, dict[str, Decimal]] = attrs.field(factory=lambda: {s: {} for s in SIDES})

    def add(self, current: Outcome, candidate: Outcome, *, lagging: bool = False) -> list[str]:
        """Count one case (``lagging``: its stored history has work due no tick stored);
        return how it changed."""
        self.cases += 1
        for side, outcome in zip(SIDES, (current, candidate), strict=True):
            tally = self.counts[side]
            for name in DECIDED:
                tally[name, outcome.decided[name]] += 1
            for metric in outcome.breached:
                tally["breached", metric] += 1
            tally["breached", "any"] += bool(outcome.breached)
            tally["warnings", "all"] += outcome.warnings
            tally["escalated", "any"] += outcome.escalation_level > 0
            for currency, amount in outcome.money.items():
                totals = self.money[side]
                totals[currency] = ARITHMETIC.add(totals.get(currency, Decimal(0)), amount)
        changes = current.changes(candidate)
        if changes:
            self.changed += 1
            self.lagging += lagging
            if self.limit <= 0 or len(self.listed) < self.limit:
                self.listed.append(ChangedCase(current.case_id, changes))
        return changes

    def rows(self) -> list[tuple[str, str | None, int, int]]:
        """(dimension, value, current, candidate), SLA figures first; an unset value (None)
        after the values of its dimension."""
        keys = self.counts["current"].keys() | self.counts["candidate"].keys()
        order = {
            name: at for at, name in enumerate(("breached", "warnings", "escalated", *DECIDED))
        }

        def rank(key: tuple[str, str | None]) -> tuple[int, str, bool, str]:
            return (order[key[0]], key[0], key[1] is None, key[1] or "")

        return [
            (dim, value, self.counts["current"][dim, value], self.counts["candidate"][dim, value])
            for dim, value in sorted(keys, key=rank)
        ]

    def currencies(self) -> list[str]:
        """Every currency either side proposed compensation in, in code order."""
        return sorted(self.money["current"].keys() | self.money["candidate"].keys())

    def to_json(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "changed": self.changed,
            "lagging": self.lagging,
            "counts": [
                {"dimension": d, "value": v, "current": a, "candidate": b}
                for d, v, a, b in self.rows()
            ],
            "compensation": {  # every currency either side proposed, on both sides
                side: {c: money_figure(totals.get(c, Decimal(0)), c) for c in self.currencies()}
                for side, totals in self.money.items()
            },
            "changed_cases": [c.to_json() for c in self.listed],
        }
