"""What a customer is told when a clock that promises (``promise: true``) starts: when to
expect the answer and, when the complaint came in outside working hours, when we open."""

from __future__ import annotations

from datetime import datetime, tzinfo

from complaintkit.errors import ConfigError
from complaintkit.model.clocks import ClockState
from complaintkit.model.drafts import Draft
from complaintkit.model.instants import iso_text
from complaintkit.sla.timeline import Timeline, in_zone, local_text


def promised(
    metric: str,
    target: str,
    state: ClockState,
    received: datetime,
    calendar: Timeline,
    zone: tzinfo,
    shown_due: str,
    since: datetime | None = None,
) -> Draft:
    """The ``deadline_promised`` draft of a clock just started on ``calendar``, its instants
    written in ``zone`` (``shown_due``: its due instant, written there already);
    ``since``, when it started later than the complaint was ``received`` (a new cycle on
    reopening), is what is inside or outside working hours."""
    since = received if since is None else since
    opens = _opening(calendar, since)
    due = None if state.due_at is None else iso_text(state.due_at)
    reason = f"{metric} promised by {shown_due}"
    outside = opens is not None and opens != since  # working time opens at itself
    if opens is not None and outside:
        reason = f"received outside working hours; we open at {local_text(opens, zone)}; {reason}"
    data = {
        "metric": metric,
        "due_at": due,
        "target": target,
        "received_at": iso_text(received),
        "outside_hours": outside,
        "opens_at": None if opens is None else iso_text(opens),
        "calendar": state.calendar,
    }
    return Draft("deadline_promised", data, reason)


def _opening(calendar: Timeline, received: datetime) -> datetime | None:
    """The next working instant, on the calendar's wall clock (letters and the status page
    name it as recorded: 09:00 +08:00 in Shanghai, not the 01:00 +00:00 of a complaint a
    mail server stamped in UTC); None on a calendar without working time, which may still
    time calendar periods (24h, 15 days) and so has no opening to name."""
    try:
        return in_zone(calendar.next_working_instant(received), calendar.zone)
    except ConfigError:
        return None
