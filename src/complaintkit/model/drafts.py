"""Drafts: events before they are numbered and chained onto a case.

Engines (the SLA clocks, escalation, remedies) return drafts and the Desk folds them into
events, so nothing outside the Desk ever numbers or hashes an event.
"""

from __future__ import annotations

from typing import Any

import attrs

from complaintkit.model.clocks import ClockState

#: The actor of changes complaintkit makes by itself (classification, clocks, escalation).
SYSTEM = "system"


@attrs.frozen
class Draft:
    """An event before it is numbered and chained onto a case."""

    kind: str
    data: dict[str, Any] = attrs.field(factory=dict)
    reason: str = ""
    actor: str = SYSTEM
    #: For an SLA clock event, the typed state ``data["clock"]`` was written from, so
    #: folding the draft need not parse that JSON back. Only the engine sets it, in process;
    #: a stored event never carries it.
    clock: ClockState | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
