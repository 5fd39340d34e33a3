"""The events a customer's status page is built from, a damaged one left out.

One event body altered outside complaintkit made the whole history unreadable, and the page
answered 503, "try again later", for as long as the damage stayed: the customer lost their
case's status, its promises and the updates sent to them. The page is the case's body and
the events that can be read; the damaged one is left out and not spoken of to the customer
(its number and the store are staff's business), logged, and named by ``cases show``.
"""

from __future__ import annotations

import logging

from complaintkit.model.events import CaseEvent
from complaintkit.storage.base import Storage

log = logging.getLogger(__name__)


def customer_events(storage: Storage, case_id: str) -> list[CaseEvent]:
    """``case_id``'s readable events, in order; each damaged one logged, not raised."""
    events, damaged = storage.events_readable(case_id)
    for record in damaged:
        log.error("case %s: %s; left out of the customer's status page", case_id, record)
    return events
