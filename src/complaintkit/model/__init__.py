"""The data model: complaints, money, cases, their lifecycle and history."""

from complaintkit.model.case import Case, RootCause, Satisfaction
from complaintkit.model.complaint import Complaint, Customer
from complaintkit.model.events import CaseEvent
from complaintkit.model.lifecycle import Status
from complaintkit.model.money import Money

__all__ = [
    "Case",
    "CaseEvent",
    "Complaint",
    "Customer",
    "Money",
    "RootCause",
    "Satisfaction",
    "Status",
]
