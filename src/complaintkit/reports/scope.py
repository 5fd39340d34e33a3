"""Which cases a report covers: an opening-time range and equality filters."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import attrs

from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import aware

#: The case fields a report can group and filter by.
Dimension = Literal["category", "channel", "severity", "product"]
DIMENSIONS: tuple[Dimension, ...] = ("category", "channel", "severity", "product")


def _instant(instance: object, attribute: attrs.Attribute[datetime | None], value: object) -> None:
    if value is not None:
        aware(value, attribute.name)  # type: ignore[arg-type]


@attrs.frozen
class Scope:
    """Cases opened in ``[since, until)`` whose fields equal every given filter."""

    since: datetime | None = attrs.field(default=None, validator=_instant)
    until: datetime | None = attrs.field(default=None, validator=_instant)
    category: str | None = None
    channel: str | None = None
    severity: str | None = None
    product: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.since is not None and self.until is not None and self.until <= self.since:
            raise InvalidInput(
                "until", f"must be after since ({self.since.isoformat()}), got {self.until}"
            )

    def filters(self) -> dict[Dimension, str]:
        """The equality filters that are set."""
        return {d: v for d in DIMENSIONS if (v := getattr(self, d)) is not None}

    def to_json(self) -> dict[str, str | None]:
        data: dict[str, str | None] = {
            "since": None if self.since is None else self.since.isoformat(),
            "until": None if self.until is None else self.until.isoformat(),
        }
        data.update({str(k): v for k, v in self.filters().items()})
        return data
