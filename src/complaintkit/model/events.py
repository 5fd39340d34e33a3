"""Case events: the append-only, hash-chained history of everything that happened."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

import attrs

from complaintkit.model import trusted
from complaintkit.model.canonical import canonical_json, canonical_utf8
from complaintkit.model.complaint import aware, parse_instant
from complaintkit.model.instants import iso_text, isoformat
from complaintkit.model.jsonvalues import check_text, json_copy, plain

#: The hash the first event of every case chains from.
GENESIS = "0" * 64
#: Data an event keeps in the store but never publishes (``CaseEvent.published_json``).
UNPUBLISHED = ("status_token",)

#: One encoder for every event: ``json.dumps`` with options builds a new encoder per call,
#: which costs more than the encoding of a small event.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


#: How canonical JSON writes a NUL character, which PostgreSQL cannot store.
_NUL = b"\\u0000"
#: The byte every escape in JSON text starts with: looked for first, since a scan for one
#: byte is several times cheaper than the search for ``_NUL``, and most events have none.
_ESCAPE = b"\\"


def _storable(kind: str, actor: str, reason: str, data: dict[str, Any]) -> None:
    """Refuse, naming the field, an event holding text no backend stores or hashes alike: a
    NUL or a lone surrogate (``model.jsonvalues``). Asked only when its canonical text holds
    one, so an ordinary event pays a scan of that text for it."""
    for name, text in (("kind", kind), ("actor", actor), ("reason", reason)):
        check_text(text, name)
    plain(data, kind)


def _hashed_fields(
    case_id: str,
    seq: int,
    kind: str,
    at: str,
    actor: str,
    reason: str,
    data: dict[str, Any],
    prev_hash: str,
) -> dict[str, Any]:
    """Every field of an event but its hash, ``at`` as text: what the hash covers (its
    canonical JSON, which sorts them; written here in that order already)."""
    return {
        "actor": actor,
        "at": at,
        "case_id": case_id,
        "data": data,
        "kind": kind,
        "prev_hash": prev_hash,
        "reason": reason,
        "seq": seq,
    }


@attrs.frozen
class CaseEvent:
    """One change to a case, by a person (``actor``) or by complaintkit itself (``system``).

    ``data`` holds the kind-specific payload and is enough to replay the change.
    ``prev_hash`` is the hash of the event before it; ``hash`` covers every other field,
    so editing any stored event breaks the chain from that point on.
    """

    case_id: str
    seq: int
    kind: str
    at: datetime = attrs.field(validator=lambda _, a, v: aware(v, a.name))
    actor: str
    reason: str = ""
    data: dict[str, Any] = attrs.field(factory=dict)
    prev_hash: str = GENESIS
    hash: str = ""
    #: The stored JSON text, kept by ``chained`` from the canonical text the hash covers so
    #: that storage does not encode the event a second time; ``evolve`` drops it.
    _text: str | None = attrs.field(default=None, init=False, eq=False, repr=False)

    @classmethod
    def chained(
        cls,
        *,
        case_id: str,
        seq: int,
        kind: str,
        at: datetime,
        actor: str,
        reason: str,
        data: dict[str, Any],
        prev_hash: str,
    ) -> CaseEvent:
        """Create an event whose ``hash`` seals its content onto ``prev_hash``."""
        return Chain(case_id, at).event(seq, kind, actor, reason, data, prev_hash)

    def compute_hash(self) -> str:
        """SHA-256 of ``_canonical``, taken from the encoder's UTF-8 as it comes."""
        return hashlib.sha256(canonical_utf8(self._hashed())).hexdigest()

    def _canonical(self) -> str:
        """Every field but the hash, as canonical JSON: the text the hash covers. A field of
        another type than declared (a damaged stored event) is written as its JSON."""
        return canonical_json(self._hashed())

    def _hashed(self) -> dict[str, Any]:
        at = isoformat(self.at)
        fields = (self.case_id, self.seq, self.kind, at, self.actor, self.reason, self.data)
        return _hashed_fields(*fields, self.prev_hash)

    def stored_json(self) -> str:
        """The event as JSON text with every field, for storage backends that keep text."""
        if self._text is not None:
            return self._text
        return _COMPACT.encode(self.to_json())

    def to_json(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "seq": self.seq,
            "kind": self.kind,
            "at": isoformat(self.at),
            "actor": self.actor,
            "reason": self.reason,
            "data": json_copy(self.data),  # the caller's to change; the event keeps its own
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }

    def published_json(self) -> dict[str, Any]:
        """The event as it leaves the store — for publishers and ``GET /events`` — without
        what only the store may hold (``UNPUBLISHED``): an ``opened`` event's status token
        opens the customer's status page. Its ``hash`` stays the stored event's."""
        body = self.to_json()
        for name in UNPUBLISHED:
            body["data"].pop(name, None)
        return body

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CaseEvent:
        return cls(
            case_id=data["case_id"],
            seq=data["seq"],
            kind=data["kind"],
            at=parse_instant(data["at"], "at"),
            actor=data["actor"],
            reason=data.get("reason", ""),
            data=data.get("data", {}),
            prev_hash=data["prev_hash"],
            hash=data["hash"],
        )


_assemble_event = trusted.assembler(CaseEvent)


class Chain:
    """Makes the sealed events of one case at one instant (``CaseEvent.chained``): the
    instant is checked, and written as text, once for a change's events rather than once
    per event (a tick seals tens of thousands)."""

    def __init__(self, case_id: str, at: datetime) -> None:
        self.case_id = case_id
        self.at = aware(at, "at")
        self._at_text = iso_text(at)

    def event(
        self, seq: int, kind: str, actor: str, reason: str, data: dict[str, Any], prev_hash: str
    ) -> CaseEvent:
        """The event sealed onto ``prev_hash``. Its canonical JSON is encoded once, and
        serves both the hash (as the encoder's UTF-8) and ``stored_json``."""
        case_id, at = self.case_id, self._at_text
        try:
            canonical = canonical_utf8(
                _hashed_fields(case_id, seq, kind, at, actor, reason, data, prev_hash)
            )
        except (TypeError, ValueError):  # a value JSON has no text for (a Decimal, a date),
            _storable(kind, actor, reason, data)  # or a lone surrogate, which UTF-8 has no
            raise  # bytes for
        if _ESCAPE in canonical and _NUL in canonical:  # (or the text "\u0000" a person
            _storable(kind, actor, reason, data)  # typed: checked, then let be)
        digest = hashlib.sha256(canonical).hexdigest()
        text = f'{canonical[:-1].decode()},"hash":"{digest}"}}'
        return _assemble_event(
            case_id, seq, kind, self.at, actor, reason, data, prev_hash, digest, text
        )
