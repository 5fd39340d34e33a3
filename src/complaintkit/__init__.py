"""complaintkit: complaint-handling SOPs as running software."""

from complaintkit.clock import Clock, ManualClock, SystemClock
from complaintkit.desk import Desk
from complaintkit.hookspecs import hookimpl
from complaintkit.model import (
    Case,
    CaseEvent,
    Complaint,
    Customer,
    Money,
    RootCause,
    Satisfaction,
    Status,
)

__all__ = [
    "Case",
    "CaseEvent",
    "Clock",
    "Complaint",
    "Customer",
    "Desk",
    "ManualClock",
    "Money",
    "RootCause",
    "Satisfaction",
    "Status",
    "SystemClock",
    "hookimpl",
]
