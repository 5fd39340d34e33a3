"""Working time of a run of local dates as sorted arrays, so that business time is a bisect.

Walking dates one by one made ``add`` and ``elapsed`` pay for every date they cross. A
``Block`` holds the working spans of ``BLOCK_DAYS`` consecutive local dates with the
business time up to the end of each span, which is what a hand-written bisect over a
precomputed table does; a calendar builds its blocks lazily, when an instant first needs
them, from its cached dates.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import NamedTuple, Protocol

BLOCK_DAYS = 64
_DAY_US = 86_400_000_000
#: microseconds from the start of date ordinal 0 to the epoch (1970-01-01 is ordinal 719,163),
#: and in a block: ``(now + SHIFT) // SPAN`` is the block of ``now``'s UTC date
SHIFT, SPAN = 719_163 * _DAY_US, BLOCK_DAYS * _DAY_US


class Dated(Protocol):
    """One local date's bounds and working spans (flat start/end pairs), clipped to it."""

    @property
    def lo(self) -> int: ...
    @property
    def hi(self) -> int: ...
    @property
    def spans(self) -> Sequence[int]: ...


class Block(NamedTuple):
    """Local dates ``[key * BLOCK_DAYS, (key + 1) * BLOCK_DAYS)`` as instants ``[lo, hi)``.

    ``starts``/``ends`` are the working spans (microseconds since the epoch), the first
    starting at ``lo`` (empty unless the block opens in working time) so that every instant
    of the block has a span at or before it; ``after[i]`` is the business time from ``lo``
    to ``ends[i]``. Spans that touch are merged: an overnight shift is one span.
    """

    key: int
    lo: int
    hi: int
    starts: list[int]
    ends: list[int]
    after: list[int]
    total: int

    def done(self, now: int) -> int:
        """Business time from ``lo`` to ``now`` (an instant of the block, or its ``hi``)."""
        i = bisect_right(self.starts, now) - 1
        end = self.ends[i]
        return self.after[i] - end + (now if now < end else end)


def build(key: int, day: Callable[[int], Dated]) -> Block:
    """The block ``key`` from the calendar's dates."""
    first = key * BLOCK_DAYS
    lo = day(first).lo
    starts, ends, after = [lo], [lo], [0]
    total, hi = 0, lo
    for ordinal in range(first, first + BLOCK_DAYS):
        date = day(ordinal)
        spans, hi = date.spans, date.hi
        for i in range(0, len(spans), 2):
            begin, end = spans[i], spans[i + 1]
            total += end - begin
            if begin == ends[-1]:
                ends[-1], after[-1] = end, total
            else:
                starts.append(begin)
                ends.append(end)
                after.append(total)
    return Block(key, lo, hi, starts, ends, after, total)


def key_near(now: int) -> int:
    """The key of the block whose UTC dates hold ``now``: the local one, or a neighbour."""
    return (now + SHIFT) // SPAN
