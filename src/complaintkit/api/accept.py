"""Reading ``Accept`` and ``Accept-Language`` headers: each value with its quality.

A value a client refuses (``q=0``) or weighs below another is not chosen; among equal
qualities the one named first is. A quality that is no number between 0 and 1 counts as
a refusal, so a malformed header never wins by it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
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


def chosen(header: str | None, offered: Sequence[str]) -> str | None:
    """The media type of ``offered`` (its first the default) that ``header`` prefers, each
    weighed by the range naming it most exactly (``text/html``, then ``text/*``, then
    ``*/*``; RFC 9110, section 12.5.1). With none acceptable, the first one the header
    does not refuse: a client refusing JSON and naming nothing else gets the page, not the
    JSON it refused. None when it refuses every one (answer 406)."""
    found = accepted(header)
    if not found:
        return offered[0]
    weighed = {media: _range_of(found, media) for media in offered}
    acceptable = {m: a.rank() for m, a in weighed.items() if a is not None and a.quality > 0}
    if acceptable:  # max keeps the first of equals: the default when one range names both
        return max(acceptable, key=acceptable.__getitem__)
    return next((m for m in offered if weighed[m] is None), None)


def _range_of(found: list[Accepted], media: str) -> Accepted | None:
    """The value of ``found`` naming ``media`` most exactly, if any."""
    kind = media.partition("/")[0]
    for name in (media, f"{kind}/*", "*/*"):
        for value in found:
            if value.value == name:
                return value
    return None
