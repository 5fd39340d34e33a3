"""The cases any process opened on one store, read from its event feed after a cursor.

Several processes take complaints into one database (``complaintkit serve`` beside a cron
``complaintkit intake``); each batch watcher must count the others' cases too. The event feed
(``Storage.events_since``) gives every committed event once, in commit order, whichever
process wrote it, so a watcher that keeps its cursor reads each case opened elsewhere once;
``Storage.openings_since`` reads only the openings in it (what a backend can skip, it does).
Only ``opened`` events of complaints count: an imported opening is history and an
incident's own case is no complaint about the product (as for the cases a Desk announces).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from complaintkit.incidents import INCIDENT_CHANNEL
from complaintkit.incidents.watcher import Opening
from complaintkit.model.events import CaseEvent
from complaintkit.storage.base import Storage


class StoredOpenings:
    """``Openings`` of ``storage``: ``start`` marks the feed's head, ``read`` what follows."""

    def __init__(self, storage: Storage) -> None:
        self._storage = storage
        self._cursor: str | None = None

    def start(self) -> None:
        self._cursor = self._storage.feed_head()

    def read(self) -> Iterator[Opening]:
        page = self._storage.openings_since(self._cursor)
        self._cursor = page.cursor
        for event in page.events:
            opening = counted_opening(event)
            if opening is not None:
                yield opening


def counted_opening(event: CaseEvent) -> Opening | None:
    """The case ``event`` opened, if it is the opening of a complaint taken in live."""
    if event.kind != "opened" or event.data.get("imported"):
        return None
    complaint: Mapping[str, Any] = event.data.get("complaint") or {}
    if complaint.get("channel") == INCIDENT_CHANNEL:
        return None
    attributes = complaint.get("attributes") or {}
    customer = complaint.get("customer")
    who = customer.get("id") if isinstance(customer, Mapping) else None
    return Opening(
        event.case_id,
        event.at,
        complaint.get("product"),
        attributes,
        who if isinstance(who, str) else None,
    )
