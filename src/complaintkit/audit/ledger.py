"""The store-wide ledger: a hash chain over case heads, one entry per write transaction.

Each entry records, for every case the transaction changed, its head: the seq and hash of
its last event. Entries chain like events do (``prev`` is the entry before's hash) and are
sealed with the audit key when one is configured. So a case whose last events were
deleted, a deleted case, or events copied under a new id disagree with the ledger, and
rewriting the ledger to match needs the key.

Writers pay one small hash per transaction, not per event: a batch of 500 intakes is one
entry.

A write that finds the ledger emptied while other history is stored does not start a new
store's chain: it restarts the chain at ``RESTARTED_AT``, sealed as restarted after a loss,
so where the ledger starts tells of the loss for good, and the write is kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from complaintkit.audit.keys import AuditKey, seal
from complaintkit.audit.sql_text import read_json
from complaintkit.model.canonical import canonical_json
from complaintkit.model.events import GENESIS, CaseEvent

#: A case head: (case id, seq of its last event, hash of its last event).
Head = tuple[str, int, str]

#: Where a chain restarted after a loss begins: entry 1 is left missing on purpose, so that
#: the ledger's first id (a primary-key read) tells every later reader that entries were lost.
RESTARTED_AT = 2


@attrs.frozen
class LedgerEntry:
    id: int
    prev: str
    heads: tuple[Head, ...]
    key_id: str | None
    hash: str
    #: When the chain restarted here, having found the ledger emptied while history was
    #: stored; None for every other entry (which then hashes as entries always did).
    restarted: str | None = None
    #: The stored JSON, kept by ``next_entry`` from the text the hash covers.
    _text: str = attrs.field(default="", eq=False, repr=False)

    def body(self) -> dict[str, Any]:
        """Every field but the hash: what the hash seals (tuples encode as JSON arrays)."""
        body = {"id": self.id, "prev": self.prev, "heads": self.heads, "key_id": self.key_id}
        return body if self.restarted is None else {**body, "restarted": self.restarted}

    def stored_text(self) -> str:
        return self._text or canonical_json({**self.body(), "hash": self.hash})

    def expected_hash(self, key: AuditKey | None) -> str:
        return seal(canonical_json(self.body()), key)


def heads_of(events: Iterable[CaseEvent]) -> tuple[Head, ...]:
    """The head each case reaches after ``events`` (the highest seq per case), sorted."""
    latest: dict[str, CaseEvent] = {}
    for event in events:
        known = latest.get(event.case_id)
        if known is None or event.seq > known.seq:
            latest[event.case_id] = event
    return tuple(sorted((e.case_id, e.seq, e.hash) for e in latest.values()))


def next_entry(
    previous: tuple[int, str] | None, heads: tuple[Head, ...], key: AuditKey | None
) -> LedgerEntry:
    """The entry after ``previous`` (its id and hash; None for the first) committing ``heads``."""
    last_id, prev = previous if previous is not None else (0, GENESIS)
    key_id = None if key is None else key.key_id
    canonical = canonical_json({"id": last_id + 1, "prev": prev, "heads": heads, "key_id": key_id})
    digest = seal(canonical, key)
    text = f'{canonical[:-1]},"hash":"{digest}"}}'  # encoded once: the intake path is hot
    return LedgerEntry(last_id + 1, prev, heads, key_id, digest, text=text)


def written_at(events: Iterable[CaseEvent]) -> str:
    """A write's instant, as a restarted entry records it: its latest event's."""
    return max(event.at for event in events).isoformat()


def restarted_entry(heads: tuple[Head, ...], key: AuditKey | None, at: str) -> LedgerEntry:
    """The entry a write makes of an emptied ledger while other history is stored (``at``:
    the write's instant): ``RESTARTED_AT``, chained from the start, saying it restarted."""
    key_id = None if key is None else key.key_id
    unsealed = LedgerEntry(RESTARTED_AT, GENESIS, heads, key_id, "", at)
    return attrs.evolve(unsealed, hash=unsealed.expected_hash(key))


def adopted_heads(last_events: Iterable[tuple[str, int, str | dict[str, Any]]]) -> tuple[Head, ...]:
    """Heads of a store that predates the ledger, from each case's last stored event.

    The ledger starts by trusting what it finds (documented); a last event whose body does
    not parse is adopted with an empty hash, so the audit reports it.
    """
    heads = []
    for case_id, seq, body in last_events:
        try:
            data = read_json(body) if isinstance(body, str) else body
            found = data.get("hash") if isinstance(data, dict) else None
        except ValueError:
            found = None
        heads.append((case_id, seq, found if isinstance(found, str) else ""))
    return tuple(sorted(heads))


def parse_entry(text: str) -> LedgerEntry:
    """A stored entry, or ``ValueError`` saying which part is malformed."""
    data = read_json(text)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    for name, kind in (("id", int), ("prev", str), ("hash", str), ("heads", list)):
        if not isinstance(data.get(name), kind):
            raise ValueError(f"field {name!r} is missing or not a {kind.__name__}")
    key_id, restarted = data.get("key_id"), data.get("restarted")
    if key_id is not None and not isinstance(key_id, str):
        raise ValueError("field 'key_id' is not a string")
    if restarted is not None and not isinstance(restarted, str):
        raise ValueError("field 'restarted' is not a string")
    heads = []
    for head in data["heads"]:
        if not (
            isinstance(head, list)
            and len(head) == 3
            and isinstance(head[0], str)
            and isinstance(head[1], int)
            and isinstance(head[2], str)
        ):
            raise ValueError(f"head {head!r} is not [case id, seq, hash]")
        heads.append((head[0], head[1], head[2]))
    return LedgerEntry(data["id"], data["prev"], tuple(heads), key_id, data["hash"], restarted)
