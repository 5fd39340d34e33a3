"""When a complaint may say it arrived, and was handled elsewhere: by the Desk's now.

A sender whose clock or time zone is wrong by a day would start the SLA clocks a day late,
and a complaint "received" in 2199 would never fall due. Senders' clocks that run a little
ahead are allowed for.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.model.recorded import INSTANTS

#: How far ahead of the Desk's clock a sender's ``received_at`` may be.
CLOCK_LEEWAY = timedelta(minutes=5)


def check_arrived_by(complaint: Complaint, now: datetime) -> None:
    """Refuse ``complaint`` when it, or what its history records, is later than ``now``."""
    latest = now.astimezone(UTC) + CLOCK_LEEWAY  # in UTC: wall-clock sums drop a DST fold
    if complaint.received_at > latest:
        raise InvalidInput("received_at", _after(complaint.received_at))
    record = complaint.history
    if record is None:
        return
    for name in INSTANTS:
        at = getattr(record, name)
        if at is not None and at > latest:
            raise InvalidInput(f"history.{name}", _after(at))


def _after(at: datetime) -> str:
    """Why ``at`` is refused. It names no "now": a record refused again a second later
    would be refused for another reason, kept as another dead letter (the letter's own time
    says when it was refused)."""
    minutes = int(CLOCK_LEEWAY.total_seconds() // 60)
    return (
        f"{at.isoformat()} is later than now, by more than the {minutes} minutes a sender's "
        "clock may run ahead; check the sender's clock and time zone"
    )
