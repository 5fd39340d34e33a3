"""``replay`` read every case's events twice: once in its own loop, then again for the
check that the case row and report rows agree with them (``altered_rows``), a second pass
over the whole store that doubled a replay's CPU (23.8 s to 44.1 s on 10,000 cases). The
work is counted here, never timed: each stored event is read (parsed) once per replay."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.storage.sqlite import SQLiteStorage

POLICY = Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml"
TEXTS = ("配送延误了三个小时", "促销价格在收银台没有生效", "收银员态度很差")


def _store(db: Path) -> dict[str, int]:
    """Three worked cases; each one's count of stored events."""
    clock = ManualClock(datetime(2026, 10, 1, 2, tzinfo=UTC))
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        desk = Desk(load_policy(POLICY), storage=storage, clock=clock)
        for n, text in enumerate(TEXTS):
            case = desk.intake(
                {
                    "channel": "web",
                    "external_id": f"R{n}",
                    "received_at": clock.now().isoformat(),
                    "customer": {"id": f"顾客{n}"},
                    "text": text,
                }
            )
            clock.advance(timedelta(hours=1))
            desk.respond(case.id, "您好\uff0c我们已收到您的投诉", actor="li.na")
            clock.advance(timedelta(hours=2))
            desk.resolve(case.id, "已退款", actor="li.na")
        desk.tick(clock.now() + timedelta(days=3))
        return {case_id: len(storage.events(case_id)) for case_id in storage.case_ids()}


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often a stored event of each case is read into an event."""
    counted: Counter[str] = Counter()
    original = CaseEvent.from_json.__func__  # type: ignore[attr-defined]

    def counting(cls: type[CaseEvent], data: dict[str, Any]) -> CaseEvent:
        counted[data["case_id"]] += 1
        return original(cls, data)  # type: ignore[no-any-return]

    monkeypatch.setattr(CaseEvent, "from_json", classmethod(counting))
    return counted


@pytest.mark.parametrize("one_case", [False, True], ids=["store", "--case"])
def test_each_stored_event_is_read_once(
    tmp_path: Path, reads: Counter[str], one_case: bool
) -> None:
    db = tmp_path / "s.db"
    stored = _store(db)
    asked = sorted(stored)[1] if one_case else None
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        reads.clear()
        result = replay_store(storage, load_policy(POLICY), Plugins(), case_id=asked)
    assert result.damaged == []
    assert result.comparison.cases == (1 if one_case else len(stored))
    expected = {asked: stored[asked]} if asked else stored
    assert dict(reads) == expected
