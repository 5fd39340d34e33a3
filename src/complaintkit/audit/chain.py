"""A case's events against their seals: each event's own hash first, then the links.

Each event is checked on its own, so every edited body is named, not only the first
problem of its case. A body whose hash no longer covers it says nothing about what was
sealed: its case id, position, kind and instant are what someone wrote there, so its
columns are not compared with it, and the link after it is not held against it.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from complaintkit.audit.findings import Finding
from complaintkit.model.audit import out_of_place
from complaintkit.model.events import GENESIS, CaseEvent

ALTERED = "content was altered after it was recorded"


@attrs.frozen
class StoredEvent:
    """An event as read from its row: the row's position, and whether its hash covers it."""

    seq: int
    event: CaseEvent
    sealed: bool = attrs.field(
        init=False,
        default=attrs.Factory(
            lambda self: self.event.compute_hash() == self.event.hash, takes_self=True
        ),
    )


def altered(case_id: str, stored: StoredEvent) -> Finding:
    return Finding("chain", ALTERED, case_id, stored.seq)


def first_broken_link(case_id: str, events: Sequence[StoredEvent]) -> Finding | None:
    """The first event that is not where the chain puts it or does not chain from the one
    before it; altered events (found on their own) are passed over."""
    previous: str | None = GENESIS
    seen: dict[str, int] = {}
    for expected, stored in enumerate(events, start=1):
        if not stored.sealed:
            previous = None  # what the next one chains from is unknown
            continue
        event = stored.event
        if event.seq != expected:
            later = [s.event for s in events[expected:]]
            return Finding("chain", out_of_place(event, seen, expected, later), case_id, expected)
        if previous is not None and event.prev_hash != previous:
            return Finding("chain", "does not chain from the event before it", case_id, event.seq)
        previous = event.hash
        seen[event.hash] = event.seq
    return None
