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


def blank_filter(dimension: str, value: object) -> str | None:
    """Why ``value`` cannot filter ``dimension``, or None: a blank one names nothing any
    complaint holds (no stored id or product is blank), and would give an empty report as
    if no complaint were about it."""
    if not isinstance(value, str) or (value and not value.isspace()):
        return None
    why = f"{value!r} is blank and names no {dimension} (none is blank)"
    if dimension == "product":  # the cases without one are a row of their own
        return (
            f"{why}; the complaints that name no product are counted in the (none) row of "
            "the product breakdown (also --by product)"
        )
    return f"{why}; give its id"


def _filter(instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    why = blank_filter(attribute.name, value)
    if why is not None:
        raise InvalidInput(attribute.name, why)


def _instant(instance: object, attribute: attrs.Attribute[datetime | None], value: object) -> None:
    if value is not None:
        aware(value, attribute.name)  # type: ignore[arg-type]


@attrs.frozen
class Scope:
    """Complaints received in ``[since, until)`` whose fields equal every given filter (a
    product however it was typed: ``milk-1`` selects `` MILK-1 `` too); a blank filter is
    refused (``blank_filter``)."""

    since: datetime | None = attrs.field(default=None, validator=_instant)
    until: datetime | None = attrs.field(default=None, validator=_instant)
    category: str | None = attrs.field(default=None, validator=_filter)
    channel: str | None = attrs.field(default=None, validator=_filter)
    severity: str | None = attrs.field(default=None, validator=_filter)
    product: str | None = attrs.field(default=None, validator=_filter)

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
