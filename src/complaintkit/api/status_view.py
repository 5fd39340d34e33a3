"""The customer's own view of their case, built from an explicit whitelist.

Only what is meant for the customer leaves this module: status, when the complaint was
received and when the desk opened the case, the responses and
progress updates sent to them (``responded`` events marked visible), the deadlines
promised by the SLA clocks until the case is solved or ended, the remedies offered to them
and where each offer stands (``api.offers``), and the resolution once there is one.
Proposals not offered, internal notes, owners, classification reasons and other cases never appear,
nor when any of them changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from complaintkit.api.offers import offers, offers_json
from complaintkit.model.case import Case
from complaintkit.model.complaint import shows_nothing
from complaintkit.model.events import CaseEvent
from complaintkit.model.lifecycle import SOLVED, TERMINAL
from complaintkit.notify.templates import clock_due, home_zone
from complaintkit.sla.shown_zone import ZoneOf

#: The changes the customer sees besides the responses sent to them: the status, what they
#: added themselves, an offer made to them and their answer to it. ``updated_at`` is the
#: last of these, so an internal note, a new owner, an SLA warning, a proposal still
#: inside the desk or an offer the page does not list (``_listed``) does not tell the
#: customer that something happened.
_SEEN_CHANGES = frozenset(
    {
        "transitioned",
        "complaint_added",
        "satisfaction",
        "compensation_offered",
        "compensation_accepted",
        "compensation_declined",
    }
)


def _listed(event: CaseEvent, listed: set[str]) -> bool:
    """Whether ``event`` is seen by the customer as far as offers go: a step of an offer the
    page does not list (every remedy cut to 0.00) changed nothing they can see."""
    return not event.kind.startswith("compensation_") or event.data.get("id") in listed


def replies(events: Sequence[CaseEvent]) -> list[CaseEvent]:
    """The responses and updates whose words the customer was sent, in order. An answer
    another system recorded only the time of (a history import without ``response``) is
    when they were answered, which the page says, not a reply to list empty."""
    return [
        e
        for e in events
        if e.kind == "responded"
        and e.data.get("visible") is True
        and not shows_nothing(str(e.data.get("message", "")))
    ]


def customer_view(
    case: Case, events: Sequence[CaseEvent], now: datetime, zone_of: ZoneOf | None = None
) -> dict[str, Any]:
    """What the customer may see of ``case`` at ``now``; deadlines in their calendar's zone
    (``zone_of``) and the other instants in the policy's home zone, as the letters give
    them (without ``zone_of``, in the offset the complaint was received in). ``overdue``
    names the promised deadlines already passed (a case imported long after it was
    received, one nobody answered in time)."""
    home = home_zone(case, zone_of)  # every instant where the customer's deadlines are

    def local(instant: datetime) -> str:
        return instant.astimezone(home).isoformat()

    sent = [e for e in events if e.kind == "responded" and e.data.get("visible") is True]
    updates = [{"at": local(e.at), "message": str(e.data["message"])} for e in replies(events)]
    listed = {offer["id"] for offer in offers(case)}
    seen = [e.at for e in events if e.kind in _SEEN_CHANGES and _listed(e, listed)]
    # by timestamp: Python orders two datetimes of one zone on their wall clocks, and a
    # clock reading in New York has its 01:10 EST before its 01:50 EDT
    updated_at = max([case.opened_at, *seen, *(e.at for e in sent)], key=datetime.timestamp)
    ended = case.status in SOLVED or case.status in TERMINAL  # nothing more is promised
    due = {
        metric: at
        for metric in sorted(case.clocks.metrics)
        if not ended and (at := clock_due(case, metric, zone_of)) is not None
    }
    return {
        "case_id": case.id,
        "status": case.status.value,
        "subject": case.complaint.subject,
        "received_at": local(case.complaint.received_at),  # when they complained, as the page
        "opened_at": local(case.opened_at),
        "updated_at": local(updated_at),
        "updates": updates,
        "promised": {metric: at.isoformat() for metric, at in due.items()},
        "overdue": [metric for metric, at in due.items() if at.timestamp() < now.timestamp()],
        "compensation": offers_json(case, local),
        "resolution": case.resolution if case.status in SOLVED else None,
    }
