"""Spike detection fires on planted spikes and stays silent on ordinary Poisson noise."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

import pytest

from complaintkit.reports.trends import SpikeRule, detect_spikes, poisson_tail

START = date(2026, 1, 1)


def poisson(rng: random.Random, rate: float) -> int:
    """Knuth's method; rates here are small."""
    limit, k, p = math.exp(-rate), 0, 1.0
    while True:
        p *= rng.random()
        if p < limit:
            return k
        k += 1


def noise(seed: int, days: int = 90) -> dict[str | None, dict[date, int]]:
    rng = random.Random(seed)
    rates = {"delivery": 12.0, "product": 4.0, "price": 0.7}
    return {
        key: {START + timedelta(days=i): poisson(rng, rate) for i in range(days)}
        for key, rate in rates.items()
    }


@pytest.mark.parametrize("seed", range(20))
def test_silent_on_poisson_noise(seed: int) -> None:
    assert detect_spikes(noise(seed), SpikeRule()) == []


@pytest.mark.parametrize("seed", range(5))
def test_fires_on_a_planted_spike_with_its_numbers(seed: int) -> None:
    data = noise(seed)
    spike_day = START + timedelta(days=60)
    data["product"][spike_day] = 25
    spikes = detect_spikes(data, SpikeRule())
    assert [(s.key, s.day, s.count) for s in spikes] == [("product", spike_day, 25)]
    spike = spikes[0]
    window = [data["product"][START + timedelta(days=i)] for i in range(46, 60)]
    assert spike.baseline_mean == pytest.approx(sum(window) / 14)
    assert spike.threshold == pytest.approx(spike.baseline_mean + 3 * spike.baseline_stdev)
    assert spike.p_value < 1e-4


def test_a_new_key_with_no_history_fires_once_it_has_a_baseline() -> None:
    data: dict[str | None, dict[date, int]] = {
        "recall": {START + timedelta(days=i): 0 for i in range(20)}
    }
    data["recall"][START + timedelta(days=19)] = 6
    assert [s.count for s in detect_spikes(data, SpikeRule())] == [6]


def test_below_min_count_is_never_a_spike() -> None:
    data: dict[str | None, dict[date, int]] = {
        "rare": {START + timedelta(days=i): 0 for i in range(20)}
    }
    data["rare"][START + timedelta(days=19)] = 4
    assert detect_spikes(data, SpikeRule(min_count=5)) == []


def test_poisson_tail_matches_the_direct_sum() -> None:
    rate, count = 3.0, 9
    direct = 1 - sum(math.exp(-rate) * rate**i / math.factorial(i) for i in range(count))
    assert poisson_tail(count, rate) == pytest.approx(direct, rel=1e-9)
    assert poisson_tail(2, 3.0) == 1.0
    assert 0 < poisson_tail(2000, 1000.0) < 1e-100


def test_max_p_keeps_a_small_bump_on_a_low_baseline_quiet_and_one_turns_it_off() -> None:
    """The documented example: 5 cases after a baseline of mean 1.36 clear k deviations but
    not the Poisson test; ``max_p: 1`` leaves the standard-deviation rule alone."""
    baseline = [1, 0, 2, 3, 1, 0, 2, 1, 3, 1, 0, 2, 1, 2]
    data: dict[str | None, dict[date, int]] = {
        "mortgage": {START + timedelta(days=i): n for i, n in enumerate([*baseline, 5])}
    }
    assert detect_spikes(data, SpikeRule()) == []
    [spike] = detect_spikes(data, SpikeRule(max_p=1))
    assert spike.count == 5
    assert spike.count > spike.threshold
    assert spike.p_value > SpikeRule().max_p
