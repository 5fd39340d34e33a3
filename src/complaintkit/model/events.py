"""Case events: the append-only, hash-chained history of everything that happened."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from json.encoder import encode_basestring
from typing import Any

import attrs

from complaintkit.model import trusted
from complaintkit.model.canonical import canonical_json
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


def _digest(canonical: str) -> str:
    return hashlib.sha256(canonical.encode()).hexdigest()


#: How canonical JSON writes a NUL character, which PostgreSQL cannot store.
_NUL = "\\u0000"


def _storable(event: CaseEvent) -> None:
    """Refuse, naming the field, an event holding text no backend stores or hashes alike: a
    NUL or a lone surrogate (``model.jsonvalues``). Asked only when its canonical text holds
    one, so an ordinary event pays one substring search of that text for it."""
    for name in ("kind", "actor", "reason"):
        check_text(getattr(event, name), name)
    plain(event.data, event.kind)


def _declared(event: CaseEvent) -> bool:
    """Whether the fields ``_canonical`` writes itself have exactly their declared types."""
    return (
        type(event.seq) is int
        and type(event.actor) is str
        and type(event.case_id) is str
        and type(event.kind) is str
        and type(event.prev_hash) is str
        and type(event.reason) is str
    )


def _middle(at: datetime, case_id: str) -> str:
    """The canonical text between an event's actor and its data: its instant and case."""
    return f',"at":{encode_basestring(iso_text(at))},"case_id":{encode_basestring(case_id)},'


def _sealed(event: CaseEvent, middle: str) -> str:
    """``CaseEvent._canonical`` of an event of declared types, ``middle`` its ``_middle``."""
    text = encode_basestring
    return (
        f'{{"actor":{text(event.actor)}{middle}"data":{canonical_json(event.data)},'
        f'"kind":{text(event.kind)},"prev_hash":{text(event.prev_hash)},'
        f'"reason":{text(event.reason)},"seq":{event.seq}}}'
    )


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
        return _digest(self._canonical())

    def _canonical(self) -> str:
        """Every field but the hash, as sorted compact JSON: the text the hash covers.

        The fields are written in sorted order here and only ``data`` goes through the
        encoder, which saves building and sorting the outer object for every event; a field
        of another type than declared (a damaged stored event) takes the encoder's path."""
        if not _declared(self):
            body = self.to_json()
            body.pop("hash")
            return canonical_json(body)
        return _sealed(self, _middle(self.at, self.case_id))

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
    instant is checked, and the canonical text of it and the case id written, once for a
    change's events rather than once per event (a tick seals tens of thousands)."""

    def __init__(self, case_id: str, at: datetime) -> None:
        self.case_id = case_id
        self.at = aware(at, "at")
        self._middle = _middle(at, case_id) if type(case_id) is str else None

    def event(
        self, seq: int, kind: str, actor: str, reason: str, data: dict[str, Any], prev_hash: str
    ) -> CaseEvent:
        """The event sealed onto ``prev_hash``. The canonical text is encoded once and
        serves both the hash and ``stored_json``."""
        event = _assemble_event(
            self.case_id, seq, kind, self.at, actor, reason, data, prev_hash, "", None
        )
        try:
            middle = self._middle
            canonical = (
                _sealed(event, middle)
                if middle is not None and _declared(event)
                else event._canonical()
            )
        except (TypeError, ValueError):  # a value JSON has no text for (a Decimal, a date)
            _storable(event)
            raise
        if _NUL in canonical:  # (or the text "\u0000" a person typed: checked, then let be)
            _storable(event)
        try:
            digest = _digest(canonical)
        except UnicodeEncodeError:  # a lone surrogate
            _storable(event)
            raise
        object.__setattr__(event, "hash", digest)
        object.__setattr__(event, "_text", f'{canonical[:-1]},"hash":"{digest}"}}')
        return event
