"""Feeding a channel's output to a Desk: complaints in, rejects to the dead-letter store."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

import attrs

from complaintkit.channels.base import Rejected
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError, InvalidInput
from complaintkit.model.complaint import Complaint


@attrs.define
class IntakeSummary:
    """What one intake run did: cases opened, duplicates (complaints already taken in),
    and ``rejected`` (source, reason) pairs of what became dead letters, in input order."""

    opened: int = 0
    already_known: int = 0
    rejected: list[tuple[str, str]] = attrs.field(factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "opened": self.opened,
            "duplicates": self.already_known,
            "dead_lettered": len(self.rejected),
            "dead_letters": [{"source": s, "reason": r} for s, r in self.rejected],
        }


#: Source prefix of a complaint the channel read but the Desk refused (a key another
#: customer holds, a plugin that raised): ``complaint:<channel>:<external id>``, its raw
#: input ``Complaint.to_json``, which ``dead-letters retry`` reads without the channel.
READ = "complaint"

#: Complaints per ``Desk.intake_many`` call: one commit (one fsync) per this many.
BATCH = 500


def take_in(
    desk: Desk, channel: str, items: Iterable[Complaint | Rejected], *, batch: int = BATCH
) -> IntakeSummary:
    """Take every complaint in, ``batch`` at a time with one commit each; record every
    reject (the channel's and the Desk's) as a dead letter in the Desk's storage with its
    reason and raw input."""
    summary = IntakeSummary()
    chunk: list[Complaint | Rejected] = []
    for item in _guarded(items):
        chunk.append(item)
        if len(chunk) == batch:
            _take_chunk(desk, channel, chunk, summary)
            chunk = []
    _take_chunk(desk, channel, chunk, summary)
    return summary


def _guarded(items: Iterable[Complaint | Rejected]) -> Iterator[Complaint | Rejected]:
    """``items``, ending with a ``Rejected`` if the channel itself raises: what it yielded
    before is still taken in, and the failure is kept instead of lost in a traceback."""
    count = 0
    try:
        for item in items:
            count += 1
            yield item
    except ConfigError:
        raise
    except Exception as exc:
        reason = f"the channel stopped after {count} records: {type(exc).__name__}: {exc}"
        yield Rejected(f"after record {count}", b"", reason)


def _take_chunk(
    desk: Desk, channel: str, chunk: list[Complaint | Rejected], summary: IntakeSummary
) -> None:
    complaints = [item for item in chunk if isinstance(item, Complaint)]
    outcomes = iter(desk.intake_many(complaints) if complaints else [])
    for item in chunk:
        if isinstance(item, Rejected):
            rejected, source = item, f"{channel}:{item.source}"
        else:
            outcome = next(outcomes)
            if not isinstance(outcome, InvalidInput):
                summary.opened += outcome.created
                summary.already_known += not outcome.created
                continue
            rejected = Rejected(item.external_id, _raw(item), str(outcome))
            source = f"{READ}:{channel}:{item.external_id}"  # refused once read: its JSON
        desk.storage.dead_letter(source, rejected.raw, rejected.reason, desk.clock.now())
        summary.rejected.append((rejected.source, rejected.reason))


def _raw(complaint: Complaint) -> bytes:
    return json.dumps(complaint.to_json(), ensure_ascii=False).encode("utf-8")
