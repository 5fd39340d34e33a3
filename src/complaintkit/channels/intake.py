"""Feeding a channel's output to a Desk: complaints in, rejects to the dead-letter store."""

from __future__ import annotations

import json
from collections.abc import Iterable

import attrs

from complaintkit.channels.base import Rejected
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint


@attrs.define
class IntakeSummary:
    """What one intake run did; ``rejected`` holds (source, reason) pairs, in input order."""

    opened: int = 0
    already_known: int = 0
    rejected: list[tuple[str, str]] = attrs.field(factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "opened": self.opened,
            "already_known": self.already_known,
            "rejected": [{"source": s, "error": r} for s, r in self.rejected],
        }


def take_in(desk: Desk, channel: str, items: Iterable[Complaint | Rejected]) -> IntakeSummary:
    """Take every complaint in; record every reject (the channel's and the Desk's) as a dead
    letter in the Desk's storage with its reason and raw input."""
    summary = IntakeSummary()
    for item in items:
        rejected = item if isinstance(item, Rejected) else None
        if isinstance(item, Complaint):
            known = desk.storage.find_by_key(*item.key) is not None
            try:
                desk.intake(item)
            except InvalidInput as exc:
                rejected = Rejected(item.external_id, _raw(item), str(exc))
            else:
                summary.already_known += known
                summary.opened += not known
        if rejected is not None:
            desk.storage.dead_letter(
                f"{channel}:{rejected.source}", rejected.raw, rejected.reason, desk.clock.now()
            )
            summary.rejected.append((rejected.source, rejected.reason))
    return summary


def _raw(complaint: Complaint) -> bytes:
    return json.dumps(complaint.to_json(), ensure_ascii=False).encode("utf-8")
