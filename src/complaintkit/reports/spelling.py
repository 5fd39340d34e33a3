# ruff: noqa: RUF002 -- full-width forms are what the folding is for
"""A product as reports count it: one key however it was typed, shown as most typed it.

Incidents count ``ＭＩＬＫ－１``, ``milk-1`` and `` MILK-1 `` as one product
(:func:`~complaintkit.incidents.key.fold_key`); the breakdown, ``--by product``, the spikes
and a ``--product`` filter count alike, so a report agrees with itself. Sources group by the
value as written (few rows, no schema change) and fold here, each value with its cases and
its first receipt (POSIX seconds: every store holds the same float). A product shows the
spelling most of its cases have; a tie goes to the one received first, then (received at
one instant) to the least by code point, as an incident's id does. Categories, severities
and channels are ids the policy names, counted as written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from complaintkit.incidents.key import fold_key

#: A value as written (``None``: unset), its cases, and its first receipt in POSIX seconds.
Tally = tuple[str | None, int, float]


def counted_as(dimension: str, value: str) -> str:
    """The key a report counts ``value`` of ``dimension`` under."""
    return fold_key(value) if dimension == "product" else value


def written(dimension: str, wanted: str, values: Iterable[str]) -> list[str]:
    """The ``values`` as written that a filter on ``wanted`` selects."""
    key = counted_as(dimension, wanted)
    return [value for value in values if counted_as(dimension, value) == key]


def shown(dimension: str, tallies: Iterable[Tally]) -> dict[str | None, str | None]:
    """Each value as written → the spelling its key is shown by."""
    cases: dict[str | None, int] = defaultdict(int)
    first: dict[str | None, float] = {}
    for value, n, at in tallies:
        cases[value] += n
        first[value] = min(at, first.get(value, at))
    best: dict[str | None, str | None] = {}
    for value in sorted(cases, key=lambda v: (-cases[v], first[v], v or "")):
        best.setdefault(None if value is None else counted_as(dimension, value), value)
    return {v: best[None if v is None else counted_as(dimension, v)] for v in cases}


def folded_counts(dimension: str, tallies: Iterable[Tally]) -> dict[str | None, int]:
    """Cases per key, each key under the spelling :func:`shown` picks."""
    rows = list(tallies)
    names = shown(dimension, rows)
    counts: dict[str | None, int] = defaultdict(int)
    for value, n, _ in rows:
        counts[names[value]] += n
    return dict(counts)


def folded_days(
    dimension: str, rows: Iterable[tuple[str | None, date, int, float]]
) -> dict[str | None, dict[date, int]]:
    """Cases per key per day, from (value as written, day, cases, first receipt that day)."""
    rows = list(rows)
    names = shown(dimension, ((value, n, at) for value, _, n, at in rows))
    series: dict[str | None, dict[date, int]] = defaultdict(dict)
    for value, day, n, _ in rows:
        days = series[names[value]]
        days[day] = days.get(day, 0) + n
    return dict(series)
