"""One incident: the cases about one key value from the window that opened it until quiet."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any, Final

import attrs

from complaintkit.incidents.rule import WindowRule

#: The channel of the internal case an incident opens (``opens_case: true``): work for the
#: quality team rather than a complaint, so report figures about complaints leave it out.
INCIDENT_CHANNEL: Final = "incident"

#: Case ids an incident lists in JSON and tables; its count is always exact.
MAX_IDS = 100


def incident_id(rule: WindowRule, value: str, first_at: datetime) -> str:
    """A stable id from what defines the incident, so the live alert and a later report agree
    whichever order cases with the same opening time arrived in. Its rule's thresholds are
    part of it: two rules on one key (a warning at 3 cases, a recall at 5) open two
    incidents on the same first case."""
    hours = (float(rule.window_hours), rule.quiet.total_seconds() / 3600)  # 72 and 72.0 alike
    thresholds = f"{rule.min_cases}\0{hours[0]!r}\0{hours[1]!r}"
    digest = hashlib.blake2b(
        f"{rule.key}\0{value}\0{first_at.timestamp():.6f}\0{thresholds}".encode(), digest_size=5
    ).hexdigest()
    return f"INC-{digest}"


@attrs.frozen
class Incident:
    """``case_ids`` oldest first; ``opened_at`` is when the window's customers reached the
    threshold."""

    id: str
    rule: WindowRule
    value: str
    first_at: datetime
    opened_at: datetime
    last_at: datetime
    case_ids: tuple[str, ...]
    #: The case whose arrival opened it: the one that brought the count of customers to
    #: ``min_cases`` (in a live watcher's order), whichever process or replay saw it.
    opened_by: str

    @property
    def key(self) -> str:
        return self.rule.key

    @property
    def count(self) -> int:
        return len(self.case_ids)

    @property
    def duration_hours(self) -> float:
        return (self.last_at - self.first_at).total_seconds() / 3600

    def to_json(self, max_ids: int | None = MAX_IDS) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.key,
            "value": self.value,
            "count": self.count,
            "first_at": self.first_at.isoformat(),
            "opened_at": self.opened_at.isoformat(),
            "last_at": self.last_at.isoformat(),
            "duration_hours": round(self.duration_hours, 3),
            "case_ids": list(self.case_ids[:max_ids]),
            "rule": self.rule.to_json(),
        }
