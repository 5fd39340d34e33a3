"""The name a typo meant, counting two neighbouring letters swapped as one slip.

:func:`difflib.get_close_matches` scores a pair by the letters they share in order, so a
swap costs two: ``sal`` for ``sla``, ``nay`` for ``any`` and ``vai`` for ``via`` score 0.67
and a four-letter ``tema`` 0.75, under the cutoffs the hints use. The optimal string
alignment distance (Damerau-Levenshtein without editing a substring twice) counts the swap
as one edit, as an author makes it; a name one such edit from a known one (two, for a name
of eight letters or more) is offered first.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

#: Shortest name a single edit is offered for: two letters one edit apart are most pairs.
_SHORTEST = 3
#: Shortest name two edits are offered for (``hit_plociy``: two swaps from hit_policy).
_LONG = 8


def osa_distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) turning ``a`` into ``b``."""
    if a == b:
        return 0
    before: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            cost = 0 if x == y else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if before is not None and i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                best = min(best, before[j - 2] + 1)
            current[j] = best
        before, previous = previous, current
    return previous[-1]


def close_matches(
    word: str, possibilities: Iterable[str], n: int = 3, cutoff: float = 0.6
) -> list[str]:
    """:func:`difflib.get_close_matches`, led by the names one edit from ``word`` (a swap
    of neighbouring letters counted as one; two for a long name), the nearest first."""
    known = list(possibilities)
    near: list[tuple[int, float, str]] = []
    if len(word) >= _SHORTEST:
        most = 2 if len(word) >= _LONG else 1
        for p in known:
            fits = len(p) >= _SHORTEST and abs(len(p) - len(word)) <= most
            if fits and 0 < (edits := osa_distance(word, p)) <= most:
                near.append((edits, -difflib.SequenceMatcher(None, word, p).ratio(), p))
    rest = difflib.get_close_matches(word, known, n=n, cutoff=cutoff)
    return list(dict.fromkeys([*(p for *_, p in sorted(near)), *rest]))[:n]
