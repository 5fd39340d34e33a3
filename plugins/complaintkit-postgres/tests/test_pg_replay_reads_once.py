"""``replay`` on PostgreSQL read the store twice: its own loop over every case's events,
then the audit's read of every case again for the row check (``altered_rows``), even for
``replay --case ID``, where SQLite reads the named case alone. Counted, never timed: each
stored event is read once, and ``--case`` hands over the named case's rows alone."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from complaintkit_postgres import PostgresStorage

from complaintkit.audit import records
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store

pytestmark = pytest.mark.postgres

POLICY = Path(__file__).parents[3] / "policies" / "retail" / "supermarket.yaml"
TEXTS = ("配送延误了三个小时", "促销价格在收银台没有生效", "收银员态度很差")


def _store(storage: PostgresStorage) -> dict[str, int]:
    """Three worked cases; each one's count of stored events."""
    clock = ManualClock(datetime(2026, 10, 1, 2, tzinfo=UTC))
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
def reads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Counter[str]]:
    """Per case id: stored events read into events, and records (a case's rows) handed over."""
    counted: dict[str, Counter[str]] = {"events": Counter(), "records": Counter()}
    original = CaseEvent.from_json.__func__  # type: ignore[attr-defined]

    def counting(cls: type[CaseEvent], data: dict[str, Any]) -> CaseEvent:
        counted["events"][data["case_id"]] += 1
        return original(cls, data)  # type: ignore[no-any-return]

    class CountedRecord(records.CaseRecord):
        def __init__(self, case_id: str, *rest: Any) -> None:
            counted["records"][case_id] += 1
            super().__init__(case_id, *rest)

    monkeypatch.setattr(CaseEvent, "from_json", classmethod(counting))
    monkeypatch.setattr(records, "CaseRecord", CountedRecord)
    return counted


@pytest.mark.parametrize("one_case", [False, True], ids=["store", "--case"])
def test_each_stored_event_is_read_once_on_postgres(
    postgres_url: str, reads: dict[str, Counter[str]], one_case: bool
) -> None:
    with PostgresStorage(postgres_url) as storage:
        stored = _store(storage)
        asked = sorted(stored)[1] if one_case else None
        for counter in reads.values():
            counter.clear()
        result = replay_store(storage, load_policy(POLICY), Plugins(), case_id=asked)
    assert result.damaged == []
    assert result.comparison.cases == (1 if one_case else len(stored))
    expected = {asked: stored[asked]} if asked else stored
    assert dict(reads["events"]) == expected
    assert dict(reads["records"]) == dict.fromkeys(expected, 1)
