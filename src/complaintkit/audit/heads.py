"""One case's events against every head the ledger committed for it.

The last head says whether events were cut off, appended around complaintkit, or the
history rewritten. The earlier heads matter too: an honest write after a rewrite chains
onto the forged events and commits (and seals) their new head, so only the heads
committed before it still show that event N is not the one the ledger saw.
"""

from __future__ import annotations

from collections.abc import Sequence

from complaintkit.audit.findings import Finding
from complaintkit.audit.records import EventRow
from complaintkit.model.events import CaseEvent

#: A head as the ledger committed it: the event number, its hash and the entry's id.
Committed = tuple[int, str, int]


def head_problems(
    case_id: str,
    rows: list[EventRow],
    events: list[CaseEvent],
    head: Committed | None,
    earlier: Sequence[Committed] = (),
) -> list[Finding]:
    """What in the case's events differs from its last committed ``head`` and, when that
    agrees, from the ``earlier`` heads the ledger committed before it."""
    if head is None:
        return [
            Finding(
                "unledgered",
                "the ledger never committed this case: it was copied or written around complaintkit",
                case_id,
            )
        ]
    found = _last_head(case_id, rows, events, head)
    return found or _earlier_heads(case_id, rows, events, earlier)


def _last_head(
    case_id: str, rows: list[EventRow], events: list[CaseEvent], head: Committed
) -> list[Finding]:
    seq, hash_, entry_id = head
    last = rows[-1].seq if rows else 0
    if last < seq:
        return [
            Finding(
                "head",
                f"{span(last + 1, seq)} missing: the ledger committed event {seq} "
                f"(entry {entry_id})",
                case_id,
                last + 1,
            )
        ]
    if last > seq:
        return [
            Finding(
                "head",
                f"{span(seq + 1, last)} never committed to the ledger (it ends at event "
                f"{seq}, entry {entry_id}): appended around complaintkit",
                case_id,
                seq + 1,
            )
        ]
    stored_last = next((e for e in reversed(events) if e.seq == last), None)
    if stored_last is not None and stored_last.hash != hash_:
        return [
            Finding(
                "head",
                f"its history was rewritten: the hash of event {last} differs from the one "
                f"the ledger committed (entry {entry_id})",
                case_id,
                last,
            )
        ]
    return []


def _earlier_heads(
    case_id: str, rows: list[EventRow], events: list[CaseEvent], earlier: Sequence[Committed]
) -> list[Finding]:
    """The first earlier head (by event number) the stored events no longer hold."""
    hashes = {event.seq: event.hash for event in events}
    last = rows[-1].seq if rows else 0
    for seq, hash_, entry_id in sorted(earlier, key=lambda head: (head[0], head[2])):
        if seq > last:
            problem = (
                f"event {seq} is missing, though ledger entry {entry_id} committed it: "
                "its history was cut back and committed again around complaintkit"
            )
            return [Finding("head", problem, case_id, seq, entry_id)]
        stored = hashes.get(seq)
        if stored is not None and stored != hash_:
            problem = (
                f"its history was rewritten: event {seq} differs from the one ledger entry "
                f"{entry_id} committed, and later events were chained onto the rewrite"
            )
            return [Finding("head", problem, case_id, seq, entry_id)]
    return []


def span(first: int, last: int) -> str:
    return f"event {first} is" if first == last else f"events {first} to {last} are"
