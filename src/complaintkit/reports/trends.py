"""Spike detection: a category's or product's daily volume against its own recent past.

A day is a spike when its count is at least ``min_count``, above the trailing mean plus
``k`` standard deviations of the previous ``baseline_days`` days, and improbable under a
Poisson model of that mean (tail probability at most ``max_p``). The Poisson test keeps a
flat, low baseline (stdev 0) from turning every small bump into an alert; the stdev test
keeps a noisy key from alerting on its ordinary swings. Every alert carries its numbers.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from fractions import Fraction
from typing import Any

import attrs

from complaintkit.errors import InvalidInput
from complaintkit.reports.scope import DIMENSIONS, Dimension, Scope
from complaintkit.reports.source import ReportSource
from complaintkit.reports.spelling import counted_as

#: Floor for the baseline mean, so a key with no history still has a finite Poisson tail.
_MIN_RATE = 0.1


def _finite(instance: object, attribute: attrs.Attribute[float], value: object) -> None:
    """A positive finite number (``max_p`` at most 1): YAML's ``.nan`` slips past a schema's
    bounds, as every comparison with NaN is false, and would make every day a spike."""
    top = 1.0 if attribute.name == "max_p" else math.inf
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not (0 < value <= top and math.isfinite(value))
    ):
        bound = "at most 1" if attribute.name == "max_p" else "finite"
        raise InvalidInput(attribute.name, f"must be a positive number, {bound}, got {value!r}")


@attrs.frozen
class SpikeRule:
    dimension: Dimension = "category"
    baseline_days: int = 14
    k: float = attrs.field(default=3.0, validator=_finite)
    min_count: int = 5
    max_p: float = attrs.field(default=1e-4, validator=_finite)


@attrs.frozen
class Spike:
    """One day whose volume for one key stood out from that key's baseline."""

    dimension: str
    #: None for the cases without a value (no category), as a breakdown's ``(none)`` row
    key: str | None
    day: date
    count: int
    baseline_mean: float
    baseline_stdev: float
    threshold: float
    p_value: float
    #: the same surge seen in other dimensions, e.g. ``("product", "SKU-1")`` under a category
    also: tuple[tuple[str, str | None], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "dimension": self.dimension,
            "key": self.key,
            "day": self.day.isoformat(),
            "count": self.count,
            "baseline_mean": round(self.baseline_mean, 3),
            "baseline_stdev": round(self.baseline_stdev, 3),
            "threshold": round(self.threshold, 3),
            "p_value": float(f"{self.p_value:.3g}"),
            "also": [{"dimension": d, "key": k} for d, k in self.also],
        }


def daily_counts(
    source: ReportSource, dimension: Dimension, scope: Scope, zone: tzinfo = UTC
) -> dict[str | None, dict[date, int]]:
    """Cases per key per local day in ``zone``; an unset key is None (a blank one ``""``),
    as in a breakdown. Keys are sorted, None last: backends list them in their own order,
    and JSON and chart colours must not differ."""
    counts = source.daily(dimension, scope, zone)
    return {key: counts[key] for key in sorted(counts, key=_key_order)}


def _key_order(key: str | None) -> tuple[bool, str]:
    """Keys in order, the unset one (None) last."""
    return key is None, key or ""


def poisson_tail(count: int, rate: float) -> float:
    """P(X ≥ count) for X ~ Poisson(rate), summed in log space so large rates stay finite."""
    if count <= rate:
        return 1.0
    log_rate = math.log(rate)
    log_term = -rate + count * log_rate - math.lgamma(count + 1)
    total, i = 0.0, count
    while True:
        term = math.exp(log_term)
        total += term
        if term < 1e-16 * total or term == 0.0:
            return min(total, 1.0)
        i += 1
        log_term += log_rate - math.log(i)


def detect_spikes(
    daily: Mapping[str | None, Mapping[date, int]],
    rule: SpikeRule,
    first: date | None = None,
    last: date | None = None,
) -> list[Spike]:
    """Spikes in every key's series between ``first`` and ``last`` (default: the data's span)."""
    all_days = [d for counts in daily.values() for d in counts]
    if not all_days:
        return []
    first = first or min(all_days)
    last = last or max(all_days)
    spikes = []
    for key in sorted(daily, key=_key_order):
        spikes += _key_spikes(rule, key, daily[key], first, last)
    return spikes


def _key_spikes(
    rule: SpikeRule, key: str | None, counts: Mapping[date, int], first: date, last: date
) -> list[Spike]:
    """One key's spikes, worked out from the days it has cases on: a quiet day is never a
    spike, and a baseline is summed from running totals, so a product with cases on a few
    days of two years costs those days, not every day of the span times the baseline."""
    days = sorted(
        ((day - first).days, n) for day, n in counts.items() if n and first <= day <= last
    )
    offsets = [offset for offset, _ in days]
    sums, squares = [0], [0]  # running totals of the counts and of their squares
    for _, n in days:
        sums.append(sums[-1] + n)
        squares.append(squares[-1] + n * n)
    width, found = rule.baseline_days, []
    k = Fraction(rule.k) ** 2  # the threshold's test in whole numbers (``_above``)
    for at, (offset, count) in enumerate(days):
        if offset < width or count < rule.min_count:  # no whole baseline before it yet
            continue
        since = bisect_left(offsets, offset - width, 0, at)
        total, square = sums[at] - sums[since], squares[at] - squares[since]
        if not _above(width, k, count, total, square):
            continue
        spike = _check(rule, key, first + timedelta(days=offset), count, total, square)
        if spike is not None:
            found.append(spike)
    return found


def spikes_in_scope(
    source: ReportSource,
    rule: SpikeRule,
    scope: Scope,
    daily: Mapping[str | None, Mapping[date, int]],
    zone: tzinfo = UTC,
) -> list[Spike]:
    """Spikes on the days of ``scope`` (``daily`` holds its counts), each day against the
    ``baseline_days`` before it — read from before ``scope.since`` when the scope starts
    later, so a weekly report flags the days the report of all time flags."""
    if scope.since is None:
        return detect_spikes(daily, rule)
    first_day = scope.since.astimezone(zone).date()
    start = datetime.combine(first_day - timedelta(days=rule.baseline_days), time(), zone)
    before = daily_counts(
        source, rule.dimension, attrs.evolve(scope, since=start, until=scope.since), zone
    )
    # a product's baseline under the spelling the scope shows it by, however it was typed
    names = {_counted(rule.dimension, key)[1]: key for key in [*before, *daily]}
    series = {key: dict(days) for key, days in daily.items()}
    for key, days in before.items():
        into = series.setdefault(names[_counted(rule.dimension, key)[1]], {})
        into.update({day: n for day, n in days.items() if day < first_day})
    # days before the store's first case are unknown, not quiet: as in a report of all time
    known = source.total(attrs.evolve(scope, since=None, until=start)) > 0
    found = detect_spikes(series, rule, first=start.date() if known else None)
    return [spike for spike in found if spike.day >= first_day]


def _check(
    rule: SpikeRule, key: str | None, day: date, count: int, total: int, square: int
) -> Spike | None:
    """The spike ``count`` makes on ``day`` if the Poisson test agrees, its baseline's
    counts summing to ``total`` and their squares to ``square``."""
    width = rule.baseline_days
    mean = total / width
    p_value = poisson_tail(count, max(mean, _MIN_RATE))
    if p_value > rule.max_p:
        return None
    stdev = math.sqrt((width * square - total * total) / (width * width))
    return Spike(rule.dimension, key, day, count, mean, stdev, mean + rule.k * stdev, p_value)


def _above(width: int, k_squared: Fraction, count: int, total: int, square: int) -> bool:
    """Whether ``count`` is above the mean of a ``width``-day baseline plus ``k`` standard
    deviations, decided in whole numbers: a count on the threshold itself (a mean of 1 and
    a deviation of 1 make 4 at k = 3) is no spike, which rounded floats could not promise."""
    excess = width * count - total  # width * (count - mean)
    if excess <= 0:
        return False
    spread = width * square - total * total  # width**2 * variance
    return excess * excess * k_squared.denominator > k_squared.numerator * spread


def one_row_per_surge(
    spikes: Sequence[Spike], source: ReportSource, scope: Scope, zone: tzinfo = UTC
) -> list[Spike]:
    """Merge a spike into an earlier rule's spike on the same day when most of its cases that
    day have that spike's key (a product's surge inside its category's surge): one row each.
    Two rules on one dimension (a short and a long baseline) flagging the same key and day
    are one row too, the first rule's."""
    kept: list[Spike] = []
    for spike in spikes:
        same_day = {
            _counted(s.dimension, s.key): i for i, s in enumerate(kept) if s.day == spike.day
        }
        if _counted(spike.dimension, spike.key) in same_day:
            continue
        home = _dominant(source, scope, zone, spike, {d for d, _ in same_day} - {spike.dimension})
        if home is not None and home in same_day:
            i = same_day[home]
            kept[i] = attrs.evolve(kept[i], also=(*kept[i].also, (spike.dimension, spike.key)))
        else:
            kept.append(spike)
    return kept


def _dominant(
    source: ReportSource, scope: Scope, zone: tzinfo, spike: Spike, dimensions: set[str]
) -> tuple[str, str | None] | None:
    """The (dimension, key) holding most of the spike's cases that day, if over half. None
    for the unset key (None) and a blank one: a scope cannot select the cases without a value."""
    if not spike.key:
        return None
    start = datetime.combine(spike.day, time(), zone)
    end = datetime.combine(spike.day + timedelta(days=1), time(), zone)
    since = start if scope.since is None else max(start, scope.since)
    until = end if scope.until is None else min(end, scope.until)
    if until <= since or spike.dimension not in DIMENSIONS:
        return None
    day = attrs.evolve(scope, since=since, until=until, **{spike.dimension: spike.key})
    for dimension in sorted(d for d in dimensions if d in DIMENSIONS):
        counts = source.counts(dimension, day)
        key, n = max(counts.items(), key=lambda kv: kv[1], default=(None, 0))
        if key is not None and n * 2 > sum(counts.values()):
            return _counted(dimension, key)
    return None


def _counted(dimension: str, key: str | None) -> tuple[str, str | None]:
    """A spike's (dimension, key) as counted: a product spelled one way in a day's counts
    is the same product as in the scope's; the unset key is itself."""
    return dimension, None if key is None else counted_as(dimension, key)
