"""What an audit reports: one finding per thing that does not add up."""

from __future__ import annotations

from typing import Any

import attrs


@attrs.frozen
class Finding:
    """One problem, located: a case and event, or a ledger entry, or the checkpoint.

    ``code`` is stable for scripts: ``malformed``, ``chain``, ``moved`` (an event stored
    under another case or position), ``row`` (case row disagrees with its events),
    ``ledger`` (the ledger itself), ``head`` (a case's history disagrees with the ledger),
    ``unledgered`` (a case the ledger never saw), ``deleted`` (a case the ledger saw but
    the store lacks), ``report`` (a report row differs from the case's history), ``feed`` (the
    event feed does not deliver an event once), ``kind`` (an event of a kind this version
    does not know: a newer version's), ``key`` and ``checkpoint``.
    """

    code: str
    problem: str
    case_id: str | None = None
    seq: int | None = None
    ledger_id: int | None = None

    def __str__(self) -> str:
        where = []
        if self.case_id is not None:
            where.append(f"case {self.case_id}")
        if self.seq is not None:
            where.append(f"event {self.seq}")
        if self.ledger_id is not None:
            where.append(f"ledger entry {self.ledger_id}")
        if not where:
            where.append("store" if self.code != "checkpoint" else "checkpoint")
        return f"{': '.join(where)}: {self.problem}"

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "case_id": self.case_id,
            "seq": self.seq,
            "ledger_id": self.ledger_id,
            "problem": self.problem,
        }
