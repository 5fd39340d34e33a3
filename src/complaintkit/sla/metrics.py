"""What an SLA metric means: which signals start, stop and restart it, which statuses pause
it, what a reopen does, and when it warns — declared per metric, never hard-coded.

A *signal* is what the engine reads off a case event: the event's kind (``opened``,
``responded``, ``assigned``…) and, for a status change, the status reached (``resolved``,
``waiting_on_customer``, ``reopened``…). A response the customer cannot see
(``visible: false``) is not a ``responded`` signal.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from datetime import timedelta
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

import attrs

from complaintkit.model.lifecycle import PAUSING, SOLVED, Status
from complaintkit.policy.key_hints import meant_key
from complaintkit.policy.meant_values import meant_id
from complaintkit.sla.durations import Duration
from complaintkit.sla.reckoning import CalendarChoice, Rules

_US = timedelta(microseconds=1)


class Reopen(StrEnum):
    """What a reopened case does to a clock that had stopped."""

    RESUME = "resume"  # carry on counting from where it stopped, same budget
    RESTART = "restart"  # start over with a fresh budget; the earlier run is forgotten
    NEW_CYCLE = "new_cycle"  # start over, keeping the earlier run as a finished cycle
    KEEP = "keep"  # stay stopped: a decision made once (SAMR's acceptance) is not made again


@attrs.frozen
class WarningPoint:
    """A warning point: ``fraction`` of the budget, or ``before`` the due instant."""

    label: str
    fraction: float | None = None
    before: timedelta | None = None

    def offset(self, budget: timedelta) -> timedelta | None:
        """Elapsed metric time at which it fires; None when it would precede the start."""
        if self.fraction is not None:
            return fraction_of(budget, self.fraction)
        assert self.before is not None
        at = budget - self.before
        return at if at > timedelta(0) else None


def fraction_of(budget: timedelta, fraction: float) -> timedelta:
    """``fraction`` of ``budget``, to the microsecond (as the stored offsets are): the first
    microsecond by which that share is used, so a warning never comes before it. The fraction
    is the decimal the policy wrote: 0.7 is seven tenths, not the binary float just below it,
    whose product fell a microsecond short (70% of 24 hours at 16:47:59.999999)."""
    numerator, denominator = _as_written(fraction)
    return _US * -(-(budget // _US) * numerator // denominator)


@functools.cache
def _as_written(fraction: float) -> tuple[int, int]:
    """The decimal ``fraction`` was written as, in lowest terms: a policy has a handful of
    them, and parsing one at every clock start cost more than the rest of the warning."""
    exact = Fraction(repr(fraction))
    return exact.numerator, exact.denominator


def percentage(fraction: float) -> str:
    """``fraction`` as the percentage it writes, in full (0.875 is 87.5%, not 88%): a
    warning's name is what its clock records as given, so two may not round alike."""
    return f"{(Decimal(repr(fraction)) * 100).normalize():f}%"


@attrs.frozen
class MetricSpec:
    name: str
    start: frozenset[str]
    stop: frozenset[str]
    restart: frozenset[str] = frozenset()
    pause_in: frozenset[Status] = PAUSING
    reopen: Reopen = Reopen.RESUME
    warnings: tuple[WarningPoint, ...] | None = None  # None: the section's default warnings
    promise: bool = False  # announce the due instant to the customer when it starts


def _solved() -> frozenset[str]:
    return frozenset(s.value for s in SOLVED)


#: The three metrics every policy has, unless it redefines them.
BUILTIN_METRICS: Mapping[str, MetricSpec] = {
    "first_response": MetricSpec(
        "first_response",
        start=frozenset({"opened"}),
        # a resolution is an answer the customer sees (closing letter, status page)
        stop=frozenset({"responded"}) | _solved(),
        reopen=Reopen.NEW_CYCLE,
        promise=True,
    ),
    "next_update": MetricSpec(
        "next_update",
        start=frozenset({"responded"}),
        stop=_solved(),
        restart=frozenset({"responded"}),
        reopen=Reopen.RESTART,
    ),
    "resolution": MetricSpec(
        "resolution",
        start=frozenset({"opened"}),
        stop=_solved(),
        reopen=Reopen.RESUME,
    ),
}


@attrs.frozen
class Extension:
    """A running clock extended when ``upon`` is signalled: ``to`` a longer period from its
    start (PSD2's 15 → 35 business days after a holding reply) or ``by`` more time after
    its current end (SAMR's +15 working days)."""

    upon: str
    mode: str  # "to" | "by"
    within: str

    def to_json(self) -> dict[str, str]:
        return {"upon": self.upon, "mode": self.mode, "within": self.within}


@attrs.frozen
class Target:
    """One metric's target for the cases a target row matches, with the row's rules for
    reckoning it (start, end, roll-forward), its extensions and its own pause statuses."""

    text: str
    duration: Duration
    calendar: str | None
    warnings: tuple[WarningPoint, ...] | None = None
    rules: Rules = attrs.field(factory=Rules)
    extensions: tuple[Extension, ...] = ()
    pause_in: frozenset[Status] | None = None
    choice: CalendarChoice | None = None
    row: int = 0

    def describe(self) -> dict[str, Any]:
        return {"target": self.text, "calendar": self.calendar, "business": self.duration.business}


def metric_hint(name: str, known: Iterable[str]) -> str:
    """What to write for a clock no metric is called: the one a typo or the SOP's own word
    means (``first_respones``, 首次响应: ``first_response``), then the metrics there are."""
    metrics = list(known)
    meant = meant_id(name, metrics) or meant_key(name, metrics)
    listed = f"known: {', '.join(metrics)}"
    return f"write {meant}; {listed}" if meant else listed
