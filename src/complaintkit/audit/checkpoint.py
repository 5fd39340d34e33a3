"""Checkpoints: the ledger's head, exported and sealed, to compare the store with later.

The ledger alone cannot tell that its newest entries were cut off together with the
events they commit, nor, without a key, that it was rebuilt from scratch. A checkpoint kept
outside the database (printed, mailed, committed elsewhere) can: a later audit checks that
the ledger still holds the entry the checkpoint saw, with the same hash.
"""

from __future__ import annotations

from typing import Any

import attrs

from complaintkit.audit.keys import AuditKey, same_seal, seal
from complaintkit.model.canonical import canonical_json

FORMAT = "complaintkit-audit-checkpoint/1"
_FIELDS = (
    ("taken_at", str),
    ("entries", int),
    ("head", str),
    ("cases", int),
    ("events", int),
    ("seal", str),
)


@attrs.frozen
class Checkpoint:
    """What the ledger looked like at ``taken_at``: its length, head hash and totals."""

    taken_at: str
    entries: int
    head: str
    cases: int
    events: int
    key_id: str | None
    seal: str = ""

    def body(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "taken_at": self.taken_at,
            "ledger": {"entries": self.entries, "head": self.head},
            "cases": self.cases,
            "events": self.events,
            "key_id": self.key_id,
        }

    def sealed(self, key: AuditKey | None) -> Checkpoint:
        unsealed = attrs.evolve(self, key_id=None if key is None else key.key_id)
        return attrs.evolve(unsealed, seal=seal(canonical_json(unsealed.body()), key))

    def seal_problem(self, key: AuditKey | None) -> str | None:
        """Why this checkpoint's seal cannot be trusted with ``key``, or None."""
        if self.key_id is not None and key is None:
            return (
                f"the checkpoint is sealed with key id {self.key_id}; configure that key to "
                "check it"
            )
        if key is not None and self.key_id is not None and self.key_id != key.key_id:
            return f"the checkpoint is sealed with key id {self.key_id}, not the configured key"
        sealed_with = None if self.key_id is None else key
        if not same_seal(seal(canonical_json(self.body()), sealed_with), self.seal):
            return "the checkpoint's seal does not match its content: it was altered"
        return None

    def to_json(self) -> dict[str, Any]:
        return {**self.body(), "seal": self.seal}

    @classmethod
    def from_json(cls, data: Any) -> Checkpoint:
        """A checkpoint read back, or ``ValueError`` naming the malformed part."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"not a complaintkit checkpoint (expected format {FORMAT!r})")
        ledger = data.get("ledger")
        if not isinstance(ledger, dict):
            raise ValueError("field 'ledger' is missing")
        values = {**data, **ledger}
        for name, kind in _FIELDS:
            if not isinstance(values.get(name), kind) or isinstance(values.get(name), bool):
                raise ValueError(f"field {name!r} is missing or not a {kind.__name__}")
        key_id = data.get("key_id")
        if key_id is not None and not isinstance(key_id, str):
            raise ValueError("field 'key_id' is not a string")
        return cls(
            values["taken_at"],
            values["entries"],
            values["head"],
            values["cases"],
            values["events"],
            key_id,
            values["seal"],
        )
