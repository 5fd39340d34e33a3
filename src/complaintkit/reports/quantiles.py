"""Nearest-rank quantiles: always a value that occurred, easy to check by hand."""

from __future__ import annotations

import math
from collections.abc import Sequence


def rank(q: float, n: int) -> int:
    """The 0-based position of quantile ``q`` (0 < q ≤ 1) among ``n`` sorted values."""
    if not 0 < q <= 1:
        raise ValueError(f"quantile must be in (0, 1], got {q}")
    return max(math.ceil(q * n), 1) - 1


def nearest_rank(ordered: Sequence[float], quantiles: Sequence[float]) -> list[float]:
    """Quantiles of already sorted values; empty input gives an empty list."""
    if not ordered:
        return []
    return [ordered[rank(q, len(ordered))] for q in quantiles]
