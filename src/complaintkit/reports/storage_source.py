"""Reports over any ``Storage`` by walking its cases: exact, simple, O(cases in scope).

Use it for memory storage, tests and small stores; SQLite has ``SQLiteReportSource``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal

from complaintkit.incidents import key_value
from complaintkit.model.case import Case
from complaintkit.model.instants import seconds_between
from complaintkit.model.lifecycle import Status
from complaintkit.model.money import total
from complaintkit.reports import facts
from complaintkit.reports.grouping import GroupBy
from complaintkit.reports.quantiles import nearest_rank
from complaintkit.reports.refused import LetterCounts, count_reasons
from complaintkit.reports.scope import DIMENSIONS, Dimension, Scope
from complaintkit.reports.source import (
    Duration,
    Elapsed,
    RemedyTally,
    ReportSource,
    RootCauseTally,
    SlaTally,
)
from complaintkit.reports.spelling import folded_counts, folded_days
from complaintkit.storage.base import CaseQuery, Storage


class StorageReportSource(ReportSource):
    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    def cases(self, scope: Scope, *, by_intake: bool = False) -> Iterator[Case]:
        """The cases complaint figures count, by received time (``by_intake``: opening time).

        Every case is read: a complaint received in scope may have been opened any time later.
        """
        for case in self.storage.find(CaseQuery()):
            if facts.counted(case, scope, by_intake=by_intake):
                yield case

    def open_cases(self, scope: Scope) -> Iterator[Case]:
        for case in self.storage.find(CaseQuery(open_only=True)):
            if facts.in_scope(case, scope):
                yield case

    def total(self, scope: Scope) -> int:
        return sum(1 for _ in self.cases(scope))

    def counts(self, dimension: Dimension, scope: Scope) -> dict[str | None, int]:
        return folded_counts(
            dimension,
            (
                (facts.dimension(c, dimension), 1, facts.received(c).timestamp())
                for c in self.cases(scope)
            ),
        )

    def percentiles(
        self,
        duration: Duration,
        scope: Scope,
        quantiles: Sequence[float],
        calendar: Elapsed | None = None,
    ) -> tuple[int, list[float]]:
        values = []
        for case in self.cases(scope):
            end = facts.end_of(case, duration)
            if end is None:
                continue
            start = facts.received(case)
            if calendar is None:  # as the stores' report facts round it
                values.append(seconds_between(start, end))
            else:
                values.append(round(calendar.elapsed(start, end).total_seconds(), 3))
        values.sort()
        return len(values), nearest_rank(values, quantiles)

    def sla(self, scope: Scope, now: datetime) -> dict[str, SlaTally]:
        tallies: dict[str, Counter[str]] = defaultdict(Counter)
        for case in self.cases(scope):
            for metric, outcome in facts.clock_outcomes(case, now).items():
                tallies[metric][outcome] += 1
        return {m: SlaTally(**t) for m, t in sorted(tallies.items())}

    def escalation_levels(self, scope: Scope) -> dict[int, int]:
        return dict(Counter(c.escalation_level for c in self.cases(scope)))

    def reopened(self, scope: Scope) -> int:
        return sum(
            1
            for case in self.cases(scope)
            if any(
                e.kind == "transitioned" and e.data.get("to") == Status.REOPENED.value
                for e in self.storage.events(case.id)
            )
        )

    def satisfaction(self, scope: Scope) -> dict[int, int]:
        return dict(
            Counter(
                c.satisfaction.score
                for c in self.cases(scope)
                if c.satisfaction is not None and c.satisfaction.score is not None
            )
        )

    def remedies(self, scope: Scope) -> list[RemedyTally]:
        counts: Counter[tuple[str, str | None, str | None]] = Counter()
        totals: dict[tuple[str, str | None, str | None], Decimal] = defaultdict(Decimal)
        for case in self.cases(scope):
            for name, currency, status, amount in facts.remedies(case):
                counts[name, currency, status] += 1
                totals[name, currency, status] = total(
                    (totals[name, currency, status], amount or Decimal(0))
                )
        return [
            RemedyTally(name, currency, status, n, totals[name, currency, status])
            for (name, currency, status), n in sorted(counts.items(), key=_remedy_order)
        ]

    def root_causes(self, scope: Scope) -> list[RootCauseTally]:
        counts = Counter(
            (c.root_cause.fishbone, c.root_cause.nature, c.root_cause.whys[-1])
            for c in self.cases(scope)
            if c.root_cause is not None
        )
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [RootCauseTally(*key, count=n) for key, n in ranked]

    def daily(
        self, dimension: Dimension, scope: Scope, zone: tzinfo
    ) -> dict[str | None, dict[date, int]]:
        rows = []
        for case in self.cases(scope):
            at = facts.received(case)
            rows.append(
                (facts.dimension(case, dimension), at.astimezone(zone).date(), 1, at.timestamp())
            )
        return folded_days(dimension, rows)

    def arrivals(self, key: str, scope: Scope) -> Iterator[tuple[str, datetime, str, str]]:
        rows = []
        for case in self.cases(scope, by_intake=True):
            value = key_value(case, key)
            if value is not None and not facts.imported(case):
                rows.append((value, case.opened_at.astimezone(UTC), case.id, case.customer_id))
        rows.sort(key=lambda r: (r[1].timestamp(), r[2]))
        return iter(rows)

    def grouped(self, by: GroupBy, scope: Scope) -> dict[str | None, int]:
        if by.field in DIMENSIONS:
            return self.counts(by.field, scope)
        return dict(Counter(value for case in self.cases(scope) for value in by.values(case)))

    def customers(self, scope: Scope) -> tuple[int, int]:
        cases = Counter(case.customer_id for case in self.cases(scope))
        return len(cases), sum(1 for n in cases.values() if n > 1)

    def imported(self, scope: Scope) -> int:
        return sum(1 for case in self.cases(scope) if facts.imported(case))

    def dead_letter_reasons(self, scope: Scope) -> LetterCounts:
        return count_reasons(
            ((d.source, d.raw, d.reason, d.at) for d in self.storage.dead_letters()), scope
        )


def _remedy_order(item: tuple[tuple[str, str | None, str | None], int]) -> tuple[str, str, str]:
    (name, currency, status), _ = item
    return (name, currency or "", status or "")
