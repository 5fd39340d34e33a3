"""The questions a report asks of stored cases, answered by queries, not by loading cases.

``SQLiteReportSource`` answers them with SQL aggregates over the report-facts tables;
``StorageReportSource`` answers them for any ``Storage`` by walking ``Storage.find`` (fine
for memory storage and small stores). Both must agree exactly; tests run one suite on both.
"""

from __future__ import annotations

import abc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Literal, Protocol

import attrs

from complaintkit.audit.columns import short
from complaintkit.model.case import Case
from complaintkit.model.decimal_text import PLAIN_DECIMAL
from complaintkit.model.money import ARITHMETIC, total
from complaintkit.reports.grouping import GroupBy
from complaintkit.reports.refused import LetterCounts
from complaintkit.reports.scope import Dimension, Scope
from complaintkit.reports.unreadable import Unreadable
from complaintkit.reports.workload import GROUPS, Group, OpenItem, Workload, open_items, workload

#: The durations reports measure from a complaint's receipt (where its SLA clocks start).
Duration = Literal["first_response", "resolution"]
DURATIONS: tuple[Duration, ...] = ("first_response", "resolution")


class Elapsed(Protocol):
    """Business time between two instants; ``BusinessCalendar`` is one."""

    def elapsed(self, start: datetime, end: datetime) -> timedelta: ...


#: Where the SLA table counts a clock: met in time, breached, still running, or cancelled
#: (stopped with its case withdrawn or rejected, neither met nor breached).
SlaOutcome = Literal["met", "breached", "running", "cancelled"]


@attrs.frozen
class SlaTally:
    """How one SLA metric's clocks ended: met in time, breached, still running, or
    cancelled (counted in no attainment)."""

    met: int = 0
    breached: int = 0
    running: int = 0
    cancelled: int = 0


@attrs.frozen
class RemedyTally:
    """Compensation decisions of one remedy, currency and status."""

    remedy: str
    currency: str | None
    status: str | None
    count: int
    total: Decimal


#: An amount further from one than this (in powers of ten) is no money anyone was given,
#: and sums of a few of them would overflow the arithmetic money is counted in.
_LARGEST_EXPONENT = ARITHMETIC.Emax // 2


def given_amount(text: object) -> Decimal | None:
    """A remedy amount as a report row holds it (text), as money; None when it is none.

    Complaintkit stores ``str(Decimal)``; a row edited outside it to hold ``NaN``, an
    exponent past any sum or digits ``numeric`` does not read counts as no money on every
    backend (its decision is still counted), rather than ending the report.
    """
    if not isinstance(text, str) or PLAIN_DECIMAL.fullmatch(text) is None:  # numeric's too
        return None
    amount = Decimal(text)
    return amount if amount.is_zero() or abs(amount.adjusted()) <= _LARGEST_EXPONENT else None


def remedy_tallies(
    rows: Iterable[tuple[str, str | None, str | None, object, int]],
) -> list[RemedyTally]:
    """Tallies from (remedy, currency, status, amount as stored, how many) rows: the money
    of each amount ``given_amount`` reads, exact; the rest counted with none."""
    counts: dict[tuple[str, str | None, str | None], int] = defaultdict(int)
    totals: dict[tuple[str, str | None, str | None], Decimal] = defaultdict(Decimal)
    for name, currency, status, amount, n in rows:
        key = (name, currency, status)
        counts[key] += int(n)
        money = given_amount(amount)
        if money is not None:
            totals[key] = total((totals[key], ARITHMETIC.multiply(money, int(n))))
    return [
        RemedyTally(*key, count=counts[key], total=totals[key])
        for key in sorted(counts, key=lambda k: (k[0], k[1] or "", k[2] or ""))
    ]


def no_amounts(rows: Iterable[tuple[str, object]]) -> list[Unreadable]:
    """The (case id, amount as stored) rows whose amount is no money (``given_amount``),
    each case and amount named once, for a report to warn of."""
    found = {(case_id, short(amount)) for case_id, amount in rows if given_amount(amount) is None}
    return [Unreadable(case_id, "case_remedies.amount", value) for case_id, value in sorted(found)]


@attrs.frozen
class RootCauseTally:
    """Cases sharing one root cause: its fishbone branch, nature and final 'why'."""

    fishbone: str
    nature: str
    why: str
    count: int


class ReportSource(abc.ABC):
    """Aggregates over the cases in a ``Scope``."""

    def close(self) -> None:  # noqa: B027 -- a source holding nothing has nothing to do
        """Release what the source holds (a connection of its own); the default holds none."""

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Answer every question asked inside the block from one state of the store, so a
        report on a store being written agrees with itself (a total and its groups). The
        default does nothing: a source that can hold a read transaction should."""
        yield

    @abc.abstractmethod
    def open_cases(self, scope: Scope) -> Iterator[Case]:
        """The cases in ``scope`` still open, for the open-and-late section."""

    def open_work(
        self, scope: Scope, now: datetime, window: timedelta, top: int
    ) -> tuple[dict[Group, list[Workload]], list[OpenItem]]:
        """Open cases per owner and team (open, late, due within ``window``) and the ``top``
        most overdue. The default reads every open case; sources may answer in their query
        language instead."""
        items = open_items(self.open_cases(scope), now)
        totals = {by: workload(items, by, now, window) for by in GROUPS}
        return totals, [item for item in items if item.late][:top]

    @abc.abstractmethod
    def total(self, scope: Scope) -> int:
        """How many cases are in scope."""

    @abc.abstractmethod
    def counts(self, dimension: Dimension, scope: Scope) -> dict[str | None, int]:
        """Cases per value of ``dimension`` (``None``: the field is unset); a product
        typed several ways is one value, shown by its spelling as
        :mod:`~complaintkit.reports.spelling` picks it."""

    @abc.abstractmethod
    def percentiles(
        self,
        duration: Duration,
        scope: Scope,
        quantiles: Sequence[float],
        calendar: Elapsed | None = None,
    ) -> tuple[int, list[float]]:
        """How many cases have the duration, and its nearest-rank quantiles in seconds.

        With ``calendar`` the duration is business time, else calendar time.
        """

    @abc.abstractmethod
    def sla(self, scope: Scope, now: datetime) -> dict[str, SlaTally]:
        """Clock outcomes per SLA metric as of ``now``: a clock due before then and still
        unmet has breached, whether or not a tick has recorded the breach yet."""

    @abc.abstractmethod
    def escalation_levels(self, scope: Scope) -> dict[int, int]:
        """Cases per highest escalation level reached (0: never escalated)."""

    @abc.abstractmethod
    def reopened(self, scope: Scope) -> int:
        """Cases reopened at least once."""

    @abc.abstractmethod
    def satisfaction(self, scope: Scope) -> dict[int, int]:
        """Cases per satisfaction score, 1 to 5; cases without a follow-up are left out."""

    @abc.abstractmethod
    def remedies(self, scope: Scope) -> list[RemedyTally]:
        """Compensation decisions grouped by remedy, currency and status."""

    @abc.abstractmethod
    def root_causes(self, scope: Scope) -> list[RootCauseTally]:
        """Root causes recorded, most frequent first."""

    @abc.abstractmethod
    def daily(
        self, dimension: Dimension, scope: Scope, zone: tzinfo
    ) -> dict[str | None, dict[date, int]]:
        """Cases per value of ``dimension`` (a product however typed, as ``counts``)
        per local day in ``zone``."""

    @abc.abstractmethod
    def arrivals(self, key: str, scope: Scope) -> Iterator[tuple[str, datetime, str, str]]:
        """(key value, opened at, case id, customer id) for cases with ``key`` set, by time
        then case id: an incident counts the customers who complained.

        Not by value: incidents count spellings of one value together (``MILK-1`` typed
        full-width, and ``milk-1``: :func:`~complaintkit.incidents.key.fold_key`), which
        neither SQLite nor a sort on the value as written brings together; time order
        keeps each key's cases in order whatever its spellings (the sort adds about 1% to
        the SQLite query, where reading the values dominates).

        Incidents are counted when cases are opened, as the live watcher counts them, so
        the scope's time range selects cases by opening time here (UTC instants).
        ``key`` is ``product`` or ``attributes.NAME`` (a complaint attribute such as a
        batch number or SKU). Cases a history import opened are left out: the live watcher
        does not count them (their batches were over long before), so neither do reports.
        """

    @abc.abstractmethod
    def dead_letter_reasons(self, scope: Scope) -> LetterCounts:
        """Dead letters in scope (``refused.count_reasons``), counted by reason, most
        frequent first: input refused at intake apart from notifications not sent."""

    @abc.abstractmethod
    def grouped(self, by: GroupBy, scope: Scope) -> dict[str | None, int]:
        """Cases per value of ``by`` (``None``: unset), a dimension's as ``counts``
        gives them; a case counts once per tag it has."""

    def unreadable(self) -> list[Unreadable]:
        """The report rows of the store holding no instant in an instant column (edited
        outside complaintkit), for a report to name; a source that keeps instants as
        ``datetime`` objects (memory) holds none."""
        return []

    @abc.abstractmethod
    def customers(self, scope: Scope) -> tuple[int, int]:
        """The customers who complained in scope, and those of them with more than one case
        in scope (repeat complainants)."""

    @abc.abstractmethod
    def imported(self, scope: Scope) -> int:
        """Cases opened by a history import (their complaint carries a ``history`` record)."""
