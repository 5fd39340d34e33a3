"""Which cases a report covers: a range of received times and equality filters.

Complaint figures count complaints: the cases complaintkit opens itself (an incident's own
case, channel ``incident``) are left out of them unless a scope names that channel. The
open-work section counts them, as they are work on someone's desk.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import attrs

from complaintkit.errors import InvalidInput
from complaintkit.incidents import INCIDENT_CHANNEL
from complaintkit.model.complaint import aware

#: The case fields a report can group and filter by.
Dimension = Literal["category", "channel", "severity", "product"]
DIMENSIONS: tuple[Dimension, ...] = ("category", "channel", "severity", "product")

#: Channels of the cases complaintkit opens itself rather than a customer.
INTERNAL_CHANNELS: tuple[str, ...] = (INCIDENT_CHANNEL,)


def _instant(instance: object, attribute: attrs.Attribute[datetime | None], value: object) -> None:
    if value is not None:
        aware(value, attribute.name)  # type: ignore[arg-type]


@attrs.frozen
class Scope:
    """Complaints received in ``[since, until)`` whose fields equal every given filter (a
    product however it was typed: ``milk-1`` selects `` MILK-1 `` too)."""

    since: datetime | None = attrs.field(default=None, validator=_instant)
    until: datetime | None = attrs.field(default=None, validator=_instant)
    category: str | None = None
    channel: str | None = None
    severity: str | None = None
    product: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.since is not None and self.until is not None and self.until <= self.since:
            raise InvalidInput(
                "until",
                f"must be after since ({self.since.isoformat()}), got {self.until.isoformat()}",
            )

    def covers(self, at: datetime) -> bool:
        """Whether ``at`` is in ``[since, until)``."""
        return (self.since is None or at >= self.since) and (self.until is None or at < self.until)

    def filters(self) -> dict[Dimension, str]:
        """The equality filters that are set."""
        return {d: v for d in DIMENSIONS if (v := getattr(self, d)) is not None}

    def counts_channel(self, channel: str) -> bool:
        """Whether complaint figures count a case from ``channel``: internal cases only when
        the scope names their channel."""
        return channel not in INTERNAL_CHANNELS or self.channel == channel

    def to_json(self) -> dict[str, str | None]:
        data: dict[str, str | None] = {
            "since": None if self.since is None else self.since.isoformat(),
            "until": None if self.until is None else self.until.isoformat(),
        }
        data.update({str(k): v for k, v in self.filters().items()})
        return data
