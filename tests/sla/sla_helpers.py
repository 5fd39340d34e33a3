"""Shared builders for the SLA tests: a policy object carrying ``.sla``, desks, complaints."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import attrs

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint
from complaintkit.policy.assessment import Assessment, History
from complaintkit.sla.policy import SlaPolicy, compile_sections
from complaintkit.storage.base import Storage

START = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # Monday 09:00 in Shanghai

OFFICE = {
    "timezone": "Asia/Shanghai",
    "hours": {"mon-fri": ["09:00-12:00", "13:30-18:00"]},
}


@attrs.frozen
class SlaTestPolicy:
    """The smallest policy carrying an SLA section: priority from the complaint's attributes."""

    sla: SlaPolicy | None
    version: str = "1"
    catalog: None = None
    compensation: None = None
    notifications: None = None
    incidents: None = None
    gates: None = None

    def assess(self, complaint: Complaint, history: History) -> Assessment:
        priority = str(complaint.attributes.get("priority", "normal"))
        return Assessment(
            category="product", severity="normal", priority=priority, owner="li.na", team="care"
        )


def complaint(n: int = 1, at: datetime = START, **attributes: Any) -> dict[str, Any]:
    return {
        "channel": "email",
        "external_id": f"m-{n}",
        "received_at": at.isoformat(),
        "customer": {"id": f"c-{n}", "name": "王女士"},
        "text": "收到的商品有破损",
        "attributes": attributes,
    }


def make_desk(
    document: Mapping[str, Any],
    *,
    start: datetime = START,
    storage: Storage | str = "memory:",
    version: str = "1",
) -> tuple[Desk, ManualClock]:
    """A Desk on a manual clock whose policy carries only the SLA sections of ``document``."""
    clock = ManualClock(start)
    policy = SlaTestPolicy(compile_sections(document), version)
    return Desk(policy, storage=storage, clock=clock), clock
