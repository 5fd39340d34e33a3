"""The Desk stores a batch the backend refuses one half at a time, down to the complaint it
cannot store. Inside a block the application opened (a retried letter's intake and its
purge), a refused half must leave nothing, with or without notifications to write beside it — the Desk's
store is a block of its own, a savepoint of the one around it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.desk.taken import Taken
from complaintkit.errors import InvalidInput
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.storage import CaseQuery
from complaintkit.storage.sqlite import SQLiteStorage

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class Refusing(SQLiteStorage):
    """Writes a batch, then refuses it if it holds a complaint saying POISON (as a driver
    refusing a value would, part-way)."""

    def intake_many(
        self, items: Sequence[tuple[Case, Sequence[CaseEvent]]]
    ) -> list[tuple[Case, bool]]:
        stored = super().intake_many(items)
        if any("POISON" in case.complaint.text for case, _ in items):
            raise RuntimeError("the driver cannot encode this")
        return stored


def complaint(n: int, text: str) -> dict[str, object]:
    return {
        "channel": "web",
        "external_id": f"K{n}",
        "received_at": "2026-11-23T08:00:00+00:00",
        "customer": {"id": f"C{n}"},
        "text": text,
    }


def test_a_refused_half_leaves_nothing_inside_an_open_block(tmp_path: Path) -> None:
    storage = Refusing(f"sqlite:///{tmp_path / 'cases.db'}")
    desk = Desk(storage=storage, clock=ManualClock(NOW))  # no policy: it sends nothing
    batch = [complaint(1, "late"), complaint(2, "POISON"), complaint(3, "broken")]
    with storage.transaction():
        results = desk.intake_many(batch)
        storage.dead_letter("jsonl:in.jsonl:9", b"{", "line: is not JSON", NOW)
    assert [type(r) for r in results] == [Taken, InvalidInput, Taken]
    stored = sorted(case.complaint.external_id for case in storage.find(CaseQuery()))
    assert stored == ["K1", "K3"]
    assert [d.source for d in storage.dead_letters()] == ["jsonl:in.jsonl:9"]
    storage.close()
