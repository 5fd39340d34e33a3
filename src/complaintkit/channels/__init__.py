"""Intake channels: outside input (files, mailboxes, HTTP) turned into complaints.

A channel yields ``Complaint`` objects carrying an external id (the idempotency key) and
``Rejected`` items for input it could not read; ``take_in`` feeds both to a Desk and its
dead-letter store, so nothing is dropped silently. A streaming channel is told after each
commit which of its records are stored (``Acknowledging``), so it acknowledges exactly those.
"""

from complaintkit.channels.base import CHECKPOINT, Acknowledging, Channel, Checkpoint, Rejected
from complaintkit.channels.intake import IntakeSummary, take_in

__all__ = [
    "CHECKPOINT",
    "Acknowledging",
    "Channel",
    "Checkpoint",
    "IntakeSummary",
    "Rejected",
    "take_in",
]
