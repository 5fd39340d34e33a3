"""The sliding-window detector: one incident per threshold crossing, never overlapping."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.incidents import IncidentDetector, WindowRule, replay

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
H = timedelta(hours=1)


def arrivals(value: str, hours: list[float]) -> list[tuple[str, datetime, str]]:
    return [(value, T0 + h * H, f"{value}-{i}") for i, h in enumerate(hours)]


def test_opens_when_the_window_count_reaches_the_threshold() -> None:
    detector = IncidentDetector(WindowRule("product", 3, 48))
    opened = [detector.observe("SKU", at, case) for _, at, case in arrivals("SKU", [0, 10, 20])]
    assert opened[:2] == [None, None]
    assert opened[2] is not None
    assert opened[2].case_ids == ("SKU-0", "SKU-1", "SKU-2")


def test_grows_while_it_lasts_and_is_raised_once() -> None:
    detector = IncidentDetector(WindowRule("product", 3, 48))
    raised = [detector.observe(v, at, c) for v, at, c in arrivals("SKU", [0, 1, 2, 3, 4, 40, 80])]
    assert sum(r is not None for r in raised) == 1
    [incident] = detector.incidents()
    assert incident.count == 7
    assert incident.last_at == T0 + 80 * H


def test_closes_after_a_quiet_period_and_a_new_burst_is_a_new_incident() -> None:
    found = replay(WindowRule("product", 3, 24), arrivals("SKU", [0, 1, 2, 20, 100, 101, 102]))
    assert [(i.count, i.first_at) for i in found] == [(4, T0), (3, T0 + 100 * H)]
    assert found[0].id != found[1].id


def test_quiet_period_can_be_shorter_than_the_window() -> None:
    rule = WindowRule("product", 3, 72, quiet_hours=12)
    found = replay(rule, arrivals("SKU", [0, 1, 2, 20, 21, 22]))
    assert [i.count for i in found] == [3, 3]
    assert not set(found[0].case_ids) & set(found[1].case_ids)


def test_window_edge_is_inclusive() -> None:
    found = replay(WindowRule("product", 3, 72), arrivals("SKU", [0, 36, 72]))
    assert [i.count for i in found] == [3]


def test_spread_out_cases_open_nothing() -> None:
    assert replay(WindowRule("product", 3, 72), arrivals("SKU", [0, 40, 80, 120, 160])) == []


def test_late_arrival_counts_with_the_newest_case() -> None:
    detector = IncidentDetector(WindowRule("product", 3, 24))
    detector.observe("SKU", T0 + 100 * H, "a")
    detector.observe("SKU", T0 + 101 * H, "b")
    late = detector.observe("SKU", T0, "c")  # arrives late, belongs to the present burst
    assert late is not None
    assert late.case_ids == ("a", "b", "c")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("min_cases", 1),
        ("window_hours", 0),
        ("quiet_hours", -1),
        ("window_hours", 1_000_000_000),
        ("quiet_hours", 876_601),
        ("window_hours", float("nan")),
        ("quiet_hours", float("inf")),
    ],
)
def test_bad_rule_is_refused_naming_the_field(field: str, value: float) -> None:
    with pytest.raises(InvalidInput, match=field):
        WindowRule("product", **{field: value})  # type: ignore[arg-type]


def test_bad_key_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"attributes\.NAME"):
        WindowRule("sku", 3, 24)


gaps = st.lists(st.floats(min_value=0, max_value=60, allow_nan=False), min_size=1, max_size=40)


@given(gaps=gaps, min_cases=st.integers(2, 6), window=st.sampled_from([6.0, 24.0, 72.0]))
def test_incidents_partition_the_cases_they_hold(
    gaps: list[float], min_cases: int, window: float
) -> None:
    hours = [sum(gaps[: i + 1]) for i in range(len(gaps))]
    found = replay(WindowRule("product", min_cases, window), arrivals("SKU", hours))
    held = [case for incident in found for case in incident.case_ids]
    assert len(held) == len(set(held))
    for incident in found:
        assert incident.count >= min_cases
        times = [T0 + hours[int(c.split("-")[1])] * H for c in incident.case_ids]
        # the opening cases fit in one window; later ones follow within the quiet period
        assert times[min_cases - 1] - times[0] <= window * H
        assert all(b - a <= window * H for a, b in itertools.pairwise(times))


@given(
    gaps=gaps,
    min_cases=st.integers(2, 6),
    window=st.sampled_from([6.0, 24.0, 72.0]),
)
def test_an_incident_opens_exactly_when_some_window_first_holds_the_threshold(
    gaps: list[float], min_cases: int, window: float
) -> None:
    """Against a brute-force count: with no incident open, a case opens one iff the cases
    since the last incident closed that lie within one window of it reach the threshold."""
    hours = [sum(gaps[: i + 1]) for i in range(len(gaps))]
    detector = IncidentDetector(WindowRule("product", min_cases, window))
    since, last, open_ = 0, None, False
    for i, h in enumerate(hours):
        if open_ and last is not None and h - last > window:
            open_, since = False, i
        expected = not open_ and sum(1 for g in hours[since : i + 1] if h - g <= window) >= (
            min_cases
        )
        got = detector.observe("SKU", T0 + h * H, f"SKU-{i}")
        assert (got is not None) == expected
        if expected:
            open_ = True
        last = h if open_ else last
