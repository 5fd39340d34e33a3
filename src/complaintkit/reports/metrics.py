"""The report: every metric over one scope, assembled from a ``ReportSource``'s answers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Any

import attrs

from complaintkit.incidents import Incident
from complaintkit.model.compensation import COUNTED
from complaintkit.model.money import MINOR_UNITS, Money, plain_amount, total
from complaintkit.reports.batches import detect_batches
from complaintkit.reports.grouping import GroupBy
from complaintkit.reports.policy import IncidentPolicy
from complaintkit.reports.scope import DIMENSIONS, Dimension, Scope
from complaintkit.reports.source import DURATIONS, Duration, Elapsed, ReportSource, RootCauseTally
from complaintkit.reports.trends import Spike, daily_counts, one_row_per_surge, spikes_in_scope
from complaintkit.reports.unreadable import Unreadable
from complaintkit.reports.vocabulary import Vocabulary
from complaintkit.reports.workload import Group, OpenItem, Workload

QUANTILES = (0.5, 0.9, 0.99)
#: Steps ``build_report`` reports progress on: each duration, the daily counts, the
#: open-and-late section and incident detection (the slow ones on a large store).
STEPS = len(DURATIONS) + 3
#: "Due soon" in the open-and-late section: a deadline within the next working day or so.
DUE_SOON = timedelta(hours=24)


def _ratio(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


@attrs.frozen
class Share:
    """One value of a dimension: its count, share of the total, and cumulative share (None
    for a fact a case can have several values of, such as tags)."""

    key: str | None
    count: int
    share: float
    cumulative: float | None


@attrs.frozen
class DurationStats:
    """Nearest-rank percentiles in seconds; JSON gives them in hours, named so."""

    basis: str  # "calendar" or "business"
    count: int
    p50: float | None
    p90: float | None
    p99: float | None

    def to_json(self) -> dict[str, Any]:
        def hours(seconds: float | None) -> float | None:
            return None if seconds is None else round(seconds / 3600, 4)

        return {
            "basis": self.basis,
            "count": self.count,
            "p50_hours": hours(self.p50),
            "p90_hours": hours(self.p90),
            "p99_hours": hours(self.p99),
        }


@attrs.frozen
class SlaAttainment:
    metric: str
    met: int
    breached: int
    running: int
    #: Stopped with their case withdrawn or rejected: neither met nor breached.
    cancelled: int = 0

    @property
    def attainment(self) -> float | None:
        """Share of decided clocks that were met in time (cancelled ones are not decided)."""
        return _ratio(self.met, self.met + self.breached)


@attrs.frozen
class EscalationLevel:
    level: int
    cases: int  # highest level reached is exactly this one
    reached: int  # reached this level or a higher one
    rate: float | None  # ``reached`` over all cases


@attrs.frozen
class RemedyTotal:
    """One remedy kind in one currency: every decision counted, money only once given.

    ``total`` sums the remedies offered to or accepted by customers; proposals still
    awaiting approval, rejected ones and declined offers are counted in ``by_status`` only.
    """

    remedy: str
    currency: str | None
    count: int
    total: Decimal
    by_status: dict[str, int]

    @property
    def shown_total(self) -> str | None:
        """``total`` as money in its currency; None for a remedy of no money (an apology)."""
        return None if self.currency is None else money_figure(self.total, self.currency)


def money_figure(amount: Decimal, currency: str) -> str:
    """``amount`` written in ``currency``'s minor units, as a report shows money: nothing
    offered yet is ``0.00`` in yuan and ``0`` in yen, never a bare ``0`` for either."""
    if currency not in MINOR_UNITS:  # a stored currency no longer known: every digit it has
        return plain_amount(amount)
    return Money(amount, currency).shown_amount()


@attrs.frozen
class Report:
    scope: Scope
    generated_at: datetime
    total: int
    breakdowns: dict[Dimension, list[Share]]
    durations: dict[Duration, DurationStats]
    sla: list[SlaAttainment]
    escalation: list[EscalationLevel]
    reopened: int
    satisfaction: dict[int, int]
    compensation: list[RemedyTotal]
    root_causes: list[RootCauseTally]
    natures: dict[str, int]
    #: Cases per category per local day; None for the cases without one.
    daily: dict[str | None, dict[date, int]]
    spikes: list[Spike]
    batches: list[Incident]
    #: Open cases per owner and per team: how many, how many late, how many due in a day.
    workload: dict[Group, list[Workload]]
    #: The open cases whose soonest deadline has passed, most overdue first.
    late: list[OpenItem]
    #: Input refused at intake (it never became a case), counted by reason.
    dead_letters: dict[str, int] = attrs.field(factory=dict)
    #: Notifications that could not be sent (a customer or colleague not told), by reason.
    undelivered: dict[str, int] = attrs.field(factory=dict)
    vocabulary: Vocabulary = attrs.field(factory=Vocabulary)
    #: ``--by`` groupings asked for, each in Pareto order.
    by: dict[str, list[Share]] = attrs.field(factory=dict)
    #: Cases a history import opened (also counted in every other figure).
    imported: int = 0
    #: Customers with a case in scope, and those with more than one (repeat complainants).
    customers: int = 0
    repeat_customers: int = 0
    #: The zone the report's days are counted in.
    zone: tzinfo = UTC
    #: Report rows holding no instant, each left out of the figures that need it.
    unreadable: tuple[Unreadable, ...] = ()
    #: Whether the scope's filters hold cases received before ``scope.since``: then the
    #: range's first days are quiet if none came, else unknown (the store was not yet kept).
    known_before: bool = False

    @property
    def compensation_totals(self) -> dict[str, tuple[int, Decimal]]:
        """Per currency: remedies decided, and the money given (offered or accepted)."""
        totals: dict[str, tuple[int, Decimal]] = {}
        for row in self.compensation:
            if row.currency is not None:
                count, given = totals.get(row.currency, (0, Decimal(0)))
                totals[row.currency] = (count + row.count, total((given, row.total)))
        return dict(sorted(totals.items()))

    @property
    def late_total(self) -> int:
        """Every late open case in scope, of which ``late`` lists the most overdue."""
        return sum(w.late for w in self.workload.get("owner", []))

    @property
    def reopen_rate(self) -> float | None:
        return _ratio(self.reopened, self.total)

    @property
    def satisfaction_responses(self) -> int:
        return sum(self.satisfaction.values())

    @property
    def satisfaction_average(self) -> float | None:
        answered = self.satisfaction_responses
        scored = sum(score * n for score, n in self.satisfaction.items())
        return None if not answered else scored / answered

    def to_json(self) -> dict[str, Any]:
        return {
            "scope": self.scope.to_json(),
            "generated_at": self.generated_at.isoformat(),
            "total": self.total,
            "imported": self.imported,
            "customers": self.customers,
            "repeat_customers": self.repeat_customers,
            "breakdowns": {
                d: [attrs.asdict(s) for s in shares] for d, shares in self.breakdowns.items()
            },
            "durations": {d: s.to_json() for d, s in self.durations.items()},
            "sla": [{**attrs.asdict(s), "attainment": s.attainment} for s in self.sla],
            "escalation": [attrs.asdict(e) for e in self.escalation],
            "reopened": self.reopened,
            "reopen_rate": self.reopen_rate,
            "satisfaction": {
                "average": self.satisfaction_average,
                "responses": self.satisfaction_responses,
                "distribution": {str(s): self.satisfaction.get(s, 0) for s in range(1, 6)},
            },
            "compensation": [
                {**attrs.asdict(r), "total": r.shown_total} for r in self.compensation
            ],
            "compensation_totals": {
                currency: {"remedies": count, "given": money_figure(given, currency)}
                for currency, (count, given) in self.compensation_totals.items()
            },
            "root_causes": [attrs.asdict(r) for r in self.root_causes],
            "natures": self.natures,
            "daily": [
                {"key": key, "days": {d.isoformat(): n for d, n in sorted(days.items())}}
                for key, days in self.daily.items()
            ],
            "spikes": [s.to_json() for s in self.spikes],
            "batches": [b.to_json() for b in self.batches],
            "by": {fact: [attrs.asdict(s) for s in shares] for fact, shares in self.by.items()},
            "dead_letters": {
                "total": sum(self.dead_letters.values()),
                "by_reason": self.dead_letters,
            },
            "undelivered": {
                "total": sum(self.undelivered.values()),
                "by_reason": self.undelivered,
            },
            "workload": {by: [w.to_json() for w in rows] for by, rows in self.workload.items()},
            "late": [item.to_json() for item in self.late],
            "late_total": self.late_total,
        }

    def incident(self, incident_id: str) -> Incident | None:
        return next((b for b in self.batches if b.id == incident_id), None)


def pareto(counts: dict[str | None, int], cases: int | None = None) -> list[Share]:
    """Largest first (ties by name), with each row's running share of the total.

    ``cases`` is given for a fact a case can count under several times (tags): each share
    is then of those cases, and a running share would mean nothing.
    """
    # a source without snapshots, written meanwhile, may count a tag on a case its total
    # missed: no share above 1, nor a division by no cases
    total = sum(counts.values()) if cases is None else max(cases, *counts.values(), 0)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] is None, kv[0] or ""))
    shares, running = [], 0
    for key, n in ranked:
        running += n
        shares.append(Share(key, n, n / total, None if cases is not None else running / total))
    return shares


def build_report(
    source: ReportSource,
    scope: Scope | None = None,
    *,
    calendar: Elapsed | None = None,
    incidents: IncidentPolicy | None = None,
    zone: tzinfo = UTC,
    now: datetime | None = None,
    top: int = 10,
    vocabulary: Vocabulary | None = None,
    by: Sequence[GroupBy] = (),
    progress: Callable[[int], None] = lambda done: None,
) -> Report:
    """Every metric for ``scope``. Durations are business time when ``calendar`` is given.

    ``progress`` hears each finished step (of :data:`STEPS`), for a bar on long reports.
    Every figure is read from one snapshot of the store (``ReportSource.snapshot``): cases
    written meanwhile are in the next report, not in some of this one's figures.
    """
    with source.snapshot():
        return _build(
            source,
            scope or Scope(),
            calendar=calendar,
            incidents=incidents or IncidentPolicy(),
            zone=zone,
            now=now,
            top=top,
            vocabulary=vocabulary,
            by=by,
            progress=progress,
        )


def _build(
    source: ReportSource,
    scope: Scope,
    *,
    calendar: Elapsed | None,
    incidents: IncidentPolicy,
    zone: tzinfo,
    now: datetime | None,
    top: int,
    vocabulary: Vocabulary | None,
    by: Sequence[GroupBy],
    progress: Callable[[int], None],
) -> Report:
    total = source.total(scope)
    durations: dict[Duration, DurationStats] = {}
    for duration in DURATIONS:
        n, values = source.percentiles(duration, scope, QUANTILES, calendar)
        # an answer stamped before the receipt (a sender's clock a few minutes fast, which
        # intake allows) took no time, as in business time; clamping keeps the ranks
        p50, p90, p99 = [max(v, 0.0) for v in values] or (None, None, None)
        basis = "calendar" if calendar is None else "business"
        durations[duration] = DurationStats(basis, n, p50, p90, p99)
        progress(1)
    roots = source.root_causes(scope)
    natures: dict[str, int] = defaultdict(int)
    for root in roots:
        natures[root.nature] += root.count
    dimensions: set[Dimension] = {"category", *(r.dimension for r in incidents.spikes)}
    daily = {d: daily_counts(source, d, scope, zone) for d in dimensions}
    progress(1)
    spikes = one_row_per_surge(
        [
            s
            for rule in incidents.spikes
            for s in spikes_in_scope(source, rule, scope, daily[rule.dimension], zone)
        ],
        source,
        scope,
        zone,
    )
    generated_at = now or datetime.now(UTC)
    work, late = source.open_work(scope, generated_at, DUE_SOON, top)
    progress(1)
    batches = [b for rule in incidents.batches for b in detect_batches(source, rule, scope)]
    progress(1)
    customers, repeat_customers = source.customers(scope)
    letters = source.dead_letter_reasons(scope)
    return Report(
        scope=scope,
        generated_at=generated_at,
        total=total,
        breakdowns={d: pareto(source.counts(d, scope)) for d in DIMENSIONS},
        durations=durations,
        sla=[
            SlaAttainment(m, t.met, t.breached, t.running, t.cancelled)
            for m, t in source.sla(scope, generated_at).items()
        ],
        escalation=_escalation(source.escalation_levels(scope), total),
        reopened=source.reopened(scope),
        satisfaction=dict(sorted(source.satisfaction(scope).items())),
        compensation=_compensation(source, scope),
        root_causes=roots[:top],
        natures=dict(sorted(natures.items())),
        daily=daily["category"],
        spikes=spikes,
        batches=batches,
        workload=work,
        late=late,
        dead_letters=letters.intake,
        undelivered=letters.undelivered,
        vocabulary=vocabulary or Vocabulary(),
        by={str(b): pareto(source.grouped(b, scope), total if b.many else None) for b in by},
        imported=source.imported(scope),
        customers=customers,
        repeat_customers=repeat_customers,
        zone=zone,
        unreadable=tuple(source.unreadable()),
        known_before=scope.since is not None
        and source.total(attrs.evolve(scope, since=None, until=scope.since)) > 0,
    )


#: Escalation levels listed whether or not a case stopped at them; past this, only the
#: levels some case holds (a level edited to 2147483647 made two billion rows).
LISTED_LEVELS = 100


def _escalation(levels: dict[int, int], total: int) -> list[EscalationLevel]:
    highest = max(levels, default=0)
    shown = sorted({*range(1, min(highest, LISTED_LEVELS) + 1), *(lv for lv in levels if lv > 0)})
    rows = []
    for level in shown:
        reached = sum(n for lv, n in levels.items() if lv >= level)
        rows.append(EscalationLevel(level, levels.get(level, 0), reached, _ratio(reached, total)))
    return rows


def _compensation(source: ReportSource, scope: Scope) -> list[RemedyTotal]:
    grouped: dict[tuple[str, str | None], list[Any]] = {}
    for tally in source.remedies(scope):
        row = grouped.setdefault((tally.remedy, tally.currency), [0, Decimal(0), {}])
        row[0] += tally.count
        if tally.status in COUNTED:
            row[1] = total((row[1], tally.total))
        status = tally.status or "unknown"
        row[2][status] = row[2].get(status, 0) + tally.count
    return [
        RemedyTotal(remedy, currency, n, total, by_status)
        for (remedy, currency), (n, total, by_status) in sorted(
            grouped.items(), key=lambda kv: (-kv[1][0], kv[0][0], kv[0][1] or "")
        )
    ]
