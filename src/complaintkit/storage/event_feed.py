"""The event feed read past a damaged event, each one named (``GET /events``).

An event body altered outside complaintkit stopped the feed: the page holding it could not
be read, nor any page after it, for as long as the damage stayed, and its publisher was
answered an error on every retry. A backend that reads the feed row by row
(``events_readable_since``) gives the events it can read and names each it cannot, with its
case and number, as ``replay`` and ``cases show`` name what they cannot read; the cursor
goes past it. A backend without that method is read one event at a time up to the damaged
one, which is then raised: it cannot be passed there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs

from complaintkit.audit.stored import read_event
from complaintkit.errors import DamagedRecord
from complaintkit.model.events import CaseEvent
from complaintkit.storage.base import EventPage, Storage


@attrs.frozen
class DamagedEvent:
    """A stored event that cannot be read: its case, its number and what is wrong."""

    case_id: str
    seq: int
    error: DamagedRecord

    def to_json(self) -> dict[str, object]:
        return {"case_id": self.case_id, "seq": self.seq, "problem": str(self.error)}


@attrs.frozen
class FeedPage:
    """A page of the feed: the events read, the cursor past them, and those that cannot be
    read among them (``damaged``)."""

    events: list[CaseEvent]
    cursor: str
    damaged: list[DamagedEvent] = attrs.Factory(list)

    def unless_damaged(self) -> EventPage:
        """The page as ``Storage.events_since`` gives it: the first damaged event raised."""
        for damaged in self.damaged:
            raise damaged.error
        return EventPage(self.events, self.cursor)

    def to_json(
        self, published: Callable[[CaseEvent], dict[str, Any]] = CaseEvent.published_json
    ) -> dict[str, object]:
        """The page as ``GET /events`` sends it; ``damaged`` only when an event is."""
        page = EventPage(self.events, self.cursor).to_json(published)
        if self.damaged:
            page["damaged"] = [d.to_json() for d in self.damaged]
        return page


def readable_page(rows: Sequence[tuple[Any, str, int, Any]], start: str) -> FeedPage:
    """The page of feed ``rows`` (position, case id, seq, body), in order; without rows, the
    cursor stays at ``start``."""
    events: list[CaseEvent] = []
    damaged: list[DamagedEvent] = []
    for _, case_id, seq, body in rows:
        try:
            events.append(read_event(body, case_id, seq))
        except DamagedRecord as exc:
            damaged.append(DamagedEvent(case_id, seq, exc))
    return FeedPage(events, str(rows[-1][0]) if rows else start, damaged)


def events_readable_since(storage: Storage, cursor: str | None, limit: int) -> FeedPage:
    """Up to ``limit`` events after ``cursor``, each damaged one named; a backend that
    cannot pass a damaged event gives those before it, and raises ``DamagedRecord`` when
    it comes first."""
    reader = getattr(storage, "events_readable_since", None)
    if callable(reader):
        page: FeedPage = reader(cursor, limit)
        return page
    try:
        whole = storage.events_since(cursor, limit)
        return FeedPage(whole.events, whole.cursor)
    except DamagedRecord:
        pass
    read: list[EventPage] = []
    for _ in range(limit):  # one at a time, up to the damaged one: only on a damaged store
        try:
            one = storage.events_since(read[-1].cursor if read else cursor, 1)
        except DamagedRecord:
            if read:
                break
            raise
        if not one.events:
            break
        read.append(one)
    if not read:  # the damage was gone by the time it was looked for: a page as any
        whole = storage.events_since(cursor, limit)
        return FeedPage(whole.events, whole.cursor)
    return FeedPage([e for one in read for e in one.events], read[-1].cursor)
