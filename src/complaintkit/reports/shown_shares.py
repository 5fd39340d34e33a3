"""A breakdown's shares as percentages that add up to 100% exactly.

Each share rounded on its own made many small groups sum to far from all the cases (726
companies: 122.6%). The running (cumulative) shares are rounded instead, each to the
nearest unit, and a group's share is shown as the step from the one before it to its own:
so the shares add up to 100% exactly, each within one unit of its true share, and the
cumulative column is their running sum, within half a unit of its true value. The unit is
the coarsest of 0.1% to 0.000001% no group is smaller than, so no group shows as none and
none but the only one as all. The JSON keeps the exact shares.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

#: The places a share is shown to at least and at most (a part of a million: 0.0001%).
FEWEST_PLACES = 1
MOST_PLACES = 6


def shown_shares(counts: Sequence[int]) -> list[tuple[str, str]]:
    """(share, cumulative share) of each of ``counts``, in their order, as ``12.5%``."""
    total = sum(counts)
    if total <= 0:
        return [("-", "-") for _ in counts]
    places = _places(counts, total)
    units = 100 * 10**places
    shown, running, before = [], 0, 0
    for n in counts:
        running += n
        cumulative = (2 * running * units + total) // (2 * total)  # to the nearest, half up
        shown.append((_percent(cumulative - before, places), _percent(cumulative, places)))
        before = cumulative
    return shown


def _places(counts: Sequence[int], total: int) -> int:
    """The fewest places at which the smallest group is at least one unit."""
    smallest = min((n for n in counts if n > 0), default=total)
    places = FEWEST_PLACES
    while places < MOST_PLACES and smallest * 100 * 10**places < total:
        places += 1
    return places


def _percent(units: int, places: int) -> str:
    return f"{Decimal(units).scaleb(-places):.{places}f}%"
