"""Numeric rows of a ``unique`` table that both match one value: ``>= 100`` and ``< 500``.

Hit policy ``unique`` forbids two rows matching one record. Rows whose conditions are
numeric ranges on one field (as :mod:`complaintkit.policy.numeric_shadows` reads them) both
match every value their ranges share, so ranges that meet are refused at load, with a value
both match. Per field the ranges are sorted by lower bound and swept once, keeping the one
reaching furthest: a range meeting any range that starts before it meets that one, so every
overlapping table is reported in about n log n, each row at most once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from complaintkit.policy.numeric_shadows import Bound, is_empty, numeric_range

if TYPE_CHECKING:
    from complaintkit.policy.tables import Row


def numeric_overlaps(rows: Sequence[Row]) -> Iterator[tuple[Row, Row, str]]:
    """Pairs of rows (earlier, later in table order) whose numeric ranges meet, each with
    the field and a value both match (``complaint.amount 100``). A field compared with a
    bare number in a policy with no currency holds for an amount in any currency, so it
    meets the same field held to one (``>= 500`` and ``>= "1000 JPY"`` both take 2000 JPY)."""
    fields: dict[str, list[tuple[Bound, Bound, Row]]] = {}
    for row in rows:
        found = numeric_range(row.condition)
        if found is not None and not is_empty(found[1], found[2]):
            fields.setdefault(found[0], []).append((found[1], found[2], row))
    for label, ranges in fields.items():
        yield from _meeting(label, [(*r, label) for r in ranges], across=False)
    for label, ranges in fields.items():
        field, held, _ = label.partition(" in ")
        if held and field in fields:
            mixed = [(*r, field) for r in fields[field]] + [(*r, label) for r in ranges]
            yield from _meeting(label, mixed, across=True)


def _meeting(
    label: str, ranges: list[tuple[Bound, Bound, Row, str]], *, across: bool
) -> Iterator[tuple[Row, Row, str]]:
    """Sorted by lower bound and swept once, keeping the range reaching furthest; with
    ``across``, only pairs measured apart (one bare, one in a currency) are named."""
    ranges.sort(key=lambda r: (r[0], r[2].index))
    reach: tuple[Bound, Row, str] | None = None
    for low, high, row, scale in ranges:
        meets = reach is not None and not is_empty(low, shared := min(high, reach[0]))
        if meets and reach is not None and (not across or scale != reach[2]):
            first, second = sorted((reach[1], row), key=lambda r: r.index)
            yield first, second, f"{label} {_example(low, shared)}"
        if reach is None or high > reach[0]:
            reach = (high, row, scale)


def _example(low: Bound, high: Bound) -> str:
    """A value in the non-empty range [low, high]: a closed bound when there is one."""
    if low[1] == 0 and low[0].is_finite():
        value = low[0]
    elif high[1] == 1 and high[0].is_finite():
        value = high[0]
    elif low[0].is_finite() and high[0].is_finite():
        value = (low[0] + high[0]) / 2
    else:
        value = low[0] + 1 if low[0].is_finite() else high[0] - 1
    return f"{value.normalize():f}" if value != value.to_integral() else f"{value:.0f}"
