"""Reading ``Accept`` and ``Accept-Language`` headers: each value with its quality.

A value a client refuses (``q=0``) or weighs below another is not chosen; among equal
qualities the one named first is. A quality that is no number between 0 and 1 counts as
a refusal, so a malformed header never wins by it.
"""

from __future__ import annotations

import math
from typing import NamedTuple


class Accepted(NamedTuple):
    """One value of the header: lower-cased, with its quality and its place in the list."""

    value: str
    quality: float
    position: int

    def rank(self) -> tuple[float, int]:
        """Greater is preferred: the higher quality, then the earlier place."""
        return (self.quality, -self.position)


def accepted(header: str | None) -> list[Accepted]:
    """Every value ``header`` names, in its order, with its quality (1 when unsaid)."""
    found = []
    for position, part in enumerate((header or "").split(",")):
        value, *parameters = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, written = parameter.partition("=")
            if name.strip().lower() == "q":
                quality = _quality(written.strip())
        if value:
            found.append(Accepted(value.lower(), quality, position))
    return found


def _quality(written: str) -> float:
    try:
        quality = float(written)
    except ValueError:
        return 0.0
    return quality if math.isfinite(quality) and 0 <= quality <= 1 else 0.0
