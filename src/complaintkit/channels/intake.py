"""Feeding a channel's output to a Desk: complaints in, rejects to the dead-letter store."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence

import attrs

from complaintkit.channels.base import Checkpoint, Rejected
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


#: Complaints per ``Desk.intake_many`` call: one commit (one fsync) per this many.
BATCH = 500


def take_in(
    desk: Desk,
    channel: str,
    items: Iterable[Complaint | Rejected | Checkpoint],
    *,
    batch: int = BATCH,
    acknowledge: Callable[[Sequence[Complaint | Rejected]], None] | None = None,
) -> IntakeSummary:
    """Take every complaint in, ``batch`` at a time with one commit each; record every
    reject (the channel's and the Desk's) as a dead letter in the Desk's storage with its
    reason and raw input.

    A chunk is also committed at each ``CHECKPOINT`` the channel yields. After each commit
    ``acknowledge`` (the channel's, if it has one) gets exactly the records it stored.
    """
    summary = IntakeSummary()
    chunk: list[Complaint | Rejected] = []
    for item in items:
        if not isinstance(item, Checkpoint):
            chunk.append(item)
        if chunk and (len(chunk) == batch or isinstance(item, Checkpoint)):
            _commit(desk, channel, chunk, summary, acknowledge)
            chunk = []
    if chunk:
        _commit(desk, channel, chunk, summary, acknowledge)
    return summary


def _commit(
    desk: Desk,
    channel: str,
    chunk: list[Complaint | Rejected],
    summary: IntakeSummary,
    acknowledge: Callable[[Sequence[Complaint | Rejected]], None] | None,
) -> None:
    _take_chunk(desk, channel, chunk, summary)
    if acknowledge is not None:  # the chunk's cases and dead letters are committed
        acknowledge(chunk)


def _take_chunk(
    desk: Desk, channel: str, chunk: list[Complaint | Rejected], summary: IntakeSummary
) -> None:
    complaints = [item for item in chunk if isinstance(item, Complaint)]
    outcomes = iter(desk.intake_many(complaints) if complaints else [])
    for item in chunk:
        rejected = item if isinstance(item, Rejected) else None
        if isinstance(item, Complaint):
            outcome = next(outcomes)
            if isinstance(outcome, InvalidInput):
                rejected = Rejected(item.external_id, _raw(item), str(outcome))
            else:
                summary.opened += outcome.created
                summary.already_known += not outcome.created
        if rejected is not None:
            desk.storage.dead_letter(
                f"{channel}:{rejected.source}", rejected.raw, rejected.reason, desk.clock.now()
            )
            summary.rejected.append((rejected.source, rejected.reason))


def _raw(complaint: Complaint) -> bytes:
    return json.dumps(complaint.to_json(), ensure_ascii=False).encode("utf-8")
