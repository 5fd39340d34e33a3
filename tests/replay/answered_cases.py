"""A SQLite store of supermarket complaints, each answered by staff, for the replay tests
that then damage it by hand (a row deleted, events copied, a column edited)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import Replay, replay_store
from complaintkit.storage.sqlite import SQLiteStorage

POLICY = Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml"
START = datetime(2026, 10, 1, 2, tzinfo=UTC)


def answered_cases(
    db: Path,
    texts: Sequence[str],
    keys: str,
    step: timedelta = timedelta(hours=1),
    customer: str | None = None,
) -> list[str]:
    """Take each of ``texts`` in at ``db`` (keys ``keys`` + its number, one customer each,
    or all from ``customer``), ``step`` apart from ``START``, and answer it; the case ids,
    in that order."""
    clock = ManualClock(START)
    ids = []
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        desk = Desk(load_policy(POLICY), storage=storage, clock=clock)
        for n, text in enumerate(texts):
            case = desk.intake(
                {
                    "channel": "web",
                    "external_id": f"{keys}{n}",
                    "received_at": clock.now().isoformat(),
                    "customer": {"id": customer or f"顾客{n}"},
                    "text": text,
                }
            )
            clock.advance(step)
            desk.respond(case.id, "您好\uff0c我们已收到您的投诉", actor="li.na")
            ids.append(case.id)
    return ids


def replayed_after(db: Path, keys: str, statement: str, which: int) -> tuple[list[str], Replay]:
    """Three answered cases at ``db`` (``answered_cases``), ``statement`` run by hand with
    the id of the case at ``which``, then the store replayed under ``POLICY``: the case
    ids and the replay."""
    ids = answered_cases(db, ["牛奶过期了", "鸡蛋是碎的", "面包发霉了"], keys)
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(statement, (ids[which],))
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        return ids, replay_store(storage, load_policy(POLICY), Plugins())
