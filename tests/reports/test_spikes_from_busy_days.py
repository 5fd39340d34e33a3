"""Spike detection works from the days a key has cases on, with running totals, and decides
the threshold in whole numbers; it must flag exactly the days the definition flags, read
day by day over the whole span in exact arithmetic."""

from __future__ import annotations

import math
from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.reports.trends import SpikeRule, detect_spikes, poisson_tail

START = date(2026, 1, 1)

series = st.dictionaries(
    st.sampled_from(["配送", "SKU-1", "price", None]),
    st.dictionaries(
        st.integers(0, 60).map(lambda n: START + timedelta(days=n)),
        st.integers(0, 9),
        max_size=40,
    ),
    min_size=1,
    max_size=4,
)
rules = st.builds(
    SpikeRule,
    baseline_days=st.integers(1, 21),
    k=st.sampled_from([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 0.1, 4.75]),
    min_count=st.integers(0, 6),
    max_p=st.sampled_from([1e-4, 0.01, 0.5, 1.0]),
)


def defined(
    daily: dict[str | None, dict[date, int]], rule: SpikeRule
) -> list[tuple[str | None, date, int, Fraction, Fraction]]:
    """Every day of the span against the ``baseline_days`` before it, in exact arithmetic:
    (key, day, count, baseline mean, baseline variance) of each spike."""
    days = [day for counts in daily.values() for day in counts]
    if not days:
        return []
    span = [min(days) + timedelta(days=i) for i in range((max(days) - min(days)).days + 1)]
    found = []
    for key in sorted(daily, key=lambda k: (k is None, k or "")):
        counts = [daily[key].get(day, 0) for day in span]
        for i in range(rule.baseline_days, len(span)):
            window, count = counts[i - rule.baseline_days : i], counts[i]
            mean = Fraction(sum(window), len(window))
            variance = sum(((x - mean) ** 2 for x in window), Fraction(0)) / len(window)
            above = count > mean and (count - mean) ** 2 > Fraction(rule.k) ** 2 * variance
            p_value = poisson_tail(count, max(float(mean), 0.1))
            if count >= rule.min_count and above and p_value <= rule.max_p:
                found.append((key, span[i], count, mean, variance))
    return found


@settings(max_examples=300, deadline=None)
@given(series, rules)
def test_the_days_flagged_are_the_definitions(
    daily: dict[str | None, dict[date, int]], rule: SpikeRule
) -> None:
    spikes = detect_spikes(daily, rule)
    expected = defined(daily, rule)
    assert [(s.key, s.day, s.count) for s in spikes] == [e[:3] for e in expected]
    for spike, (*_, mean, variance) in zip(spikes, expected, strict=True):
        assert spike.baseline_mean == float(mean)
        assert math.isclose(spike.baseline_stdev, math.sqrt(variance), rel_tol=1e-12)
        assert math.isclose(
            spike.threshold, float(mean) + rule.k * math.sqrt(variance), rel_tol=1e-12
        )


def test_a_count_on_the_threshold_is_no_spike() -> None:
    """A baseline of mean 1 and deviation 1 (seven days of 0, seven of 2) puts the
    threshold at k = 3 on 4 exactly: 4 is no spike, 5 is."""
    rule = SpikeRule(baseline_days=14, k=3.0, min_count=1, max_p=1.0)
    window = {START + timedelta(days=i): 2 * (i % 2) for i in range(14)}
    for count, flagged in ((4, []), (5, [5])):
        daily: dict[str | None, dict[date, int]] = {
            "x": {**window, START + timedelta(days=14): count}
        }
        assert [s.count for s in detect_spikes(daily, rule)] == flagged


def test_quiet_days_outside_the_span_asked_for_are_left_out() -> None:
    """Days before ``first`` or after ``last`` count in no baseline and are never flagged."""
    rule = SpikeRule(baseline_days=3, k=1.0, min_count=1, max_p=1.0)
    daily: dict[str | None, dict[date, int]] = {
        "x": {START + timedelta(days=i): n for i, n in enumerate([9, 9, 9, 0, 0, 0, 8, 9])}
    }
    first, last = START + timedelta(days=3), START + timedelta(days=6)
    assert [(s.day, s.count) for s in detect_spikes(daily, rule, first, last)] == [
        (START + timedelta(days=6), 8)
    ]
