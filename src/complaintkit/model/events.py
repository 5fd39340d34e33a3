"""Case events: the append-only, hash-chained history of everything that happened."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

import attrs

from complaintkit.model.complaint import aware, parse_instant

#: The hash the first event of every case chains from.
GENESIS = "0" * 64


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
        event = cls(case_id, seq, kind, at, actor, reason, data, prev_hash)
        return attrs.evolve(event, hash=event.compute_hash())

    def compute_hash(self) -> str:
        body = self.to_json()
        body.pop("hash")
        canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    def to_json(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "seq": self.seq,
            "kind": self.kind,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "reason": self.reason,
            "data": self.data,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }

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
