"""Spike detection: a category's or product's daily volume against its own recent past.

A day is a spike when its count is at least ``min_count``, above the trailing mean plus
``k`` standard deviations of the previous ``baseline_days`` days, and improbable under a
Poisson model of that mean (tail probability at most ``max_p``). The Poisson test keeps a
flat, low baseline (stdev 0) from turning every small bump into an alert; the stdev test
keeps a noisy key from alerting on its ordinary swings. Every alert carries its numbers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, date, timedelta, tzinfo
from typing import Any

import attrs

from complaintkit.reports.scope import Dimension, Scope
from complaintkit.reports.source import ReportSource

#: Floor for the baseline mean, so a key with no history still has a finite Poisson tail.
_MIN_RATE = 0.1


@attrs.frozen
class SpikeRule:
    dimension: Dimension = "category"
    baseline_days: int = 14
    k: float = 3.0
    min_count: int = 5
    max_p: float = 1e-4


@attrs.frozen
class Spike:
    """One day whose volume for one key stood out from that key's baseline."""

    dimension: str
    key: str
    day: date
    count: int
    baseline_mean: float
    baseline_stdev: float
    threshold: float
    p_value: float

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
        }


def daily_counts(
    source: ReportSource, dimension: Dimension, scope: Scope, zone: tzinfo = UTC
) -> dict[str, dict[date, int]]:
    """Cases per key per local day in ``zone``; an unset key is ``""``."""
    return {
        "" if key is None else key: days
        for key, days in source.daily(dimension, scope, zone).items()
    }


def poisson_tail(count: int, rate: float) -> float:
    """P(X ≥ count) for X ~ Poisson(rate), summed in log space so large rates stay finite."""
    if count <= rate:
        return 1.0
    log_term = -rate + count * math.log(rate) - math.lgamma(count + 1)
    total, i = 0.0, count
    while True:
        term = math.exp(log_term)
        total += term
        if term < 1e-16 * total or term == 0.0:
            return min(total, 1.0)
        i += 1
        log_term += math.log(rate) - math.log(i)


def detect_spikes(
    daily: Mapping[str, Mapping[date, int]],
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
    span = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    spikes = []
    for key in sorted(daily):
        series = [daily[key].get(day, 0) for day in span]
        for i in range(rule.baseline_days, len(series)):
            spike = _check(rule, key, span[i], series[i], series[i - rule.baseline_days : i])
            if spike is not None:
                spikes.append(spike)
    return spikes


def _check(rule: SpikeRule, key: str, day: date, count: int, window: list[int]) -> Spike | None:
    if count < rule.min_count:
        return None
    mean = sum(window) / len(window)
    stdev = math.sqrt(sum((x - mean) ** 2 for x in window) / len(window))
    threshold = mean + rule.k * stdev
    p_value = poisson_tail(count, max(mean, _MIN_RATE))
    if count <= threshold or p_value > rule.max_p:
        return None
    return Spike(rule.dimension, key, day, count, mean, stdev, threshold, p_value)
