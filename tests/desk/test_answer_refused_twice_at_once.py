"""The same refused answer recorded by two workers at once (a customer pressing "accept"
twice, each press served by another process) is recorded once, as one press after the
other is: the check for "pressed again" was made before the change and outside it, so the
second worker, having read the history before the first saved, recorded it again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.events import CaseEvent

REFUSED = "compensation_answer_refused"
T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
ANSWER = {"compensation_id": "comp-1", "answer": "accept", "why": "the cap is full"}


def opened(desk: Desk) -> str:
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "r-1",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "c-1"},
            "text": "the kettle leaks",
        }
    )
    return case.id


def refusals(desk: Desk, case_id: str) -> int:
    return sum(event.kind == REFUSED for event in desk.storage.events(case_id))


def test_one_press_then_another_is_recorded_once(tmp_path: Path) -> None:
    desk = Desk(storage=f"sqlite:///{tmp_path / 'c.db'}", clock=ManualClock(T0))
    case_id = opened(desk)
    desk.answer_refused(case_id, actor="customer:c-1", **ANSWER)
    desk.answer_refused(case_id, actor="customer:c-1", **ANSWER)
    assert refusals(desk, case_id) == 1


def test_two_presses_at_once_are_recorded_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    first = Desk(storage=url, clock=ManualClock(T0))
    second = Desk(storage=url, clock=ManualClock(T0))
    case_id = opened(first)
    read: Callable[..., list[CaseEvent]] = first.storage.events
    calls: list[Any] = []

    def events_then_the_other_press(*args: Any, **kwargs: Any) -> list[CaseEvent]:
        history = read(*args, **kwargs)
        if not calls:  # the first worker has read the history: the second one saves now
            calls.append(args)
            second.answer_refused(case_id, actor="customer:c-1", **ANSWER)
        return history

    monkeypatch.setattr(first.storage, "events", events_then_the_other_press)
    first.answer_refused(case_id, actor="customer:c-1", **ANSWER)
    assert calls
    assert refusals(second, case_id) == 1
