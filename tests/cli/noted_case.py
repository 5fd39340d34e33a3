"""A case of spoiled milk with notes, stored in a SQLite file: the history the tests of
``cases show`` and ``cases export`` edit by hand and read back."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage


def noted_case(db: Path, *notes: str) -> str:
    """The id of the case taken in at ``db``, then given ``notes`` by li.na in turn."""
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        desk = Desk(storage=storage)
        case = desk.intake(
            {
                "channel": "web",
                "external_id": "W1",
                "received_at": datetime(2026, 11, 23, 9, tzinfo=UTC).isoformat(),
                "customer": {"id": "C1"},
                "text": "The milk was spoiled",
            }
        )
        for note in notes:
            desk.note(case.id, note, actor="li.na")
        return case.id
