"""A policy version that adds an escalation level falling due before a case's stored next
deadline: the Desk runs the new version, so the level fires when it falls due (at the first
sweep after it), recorded with the instant it fell due, not at the deadline the old version
planned. The first tick under a new version re-plans every open case once, in batches, and
a re-plan cut short resumes where it stopped."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sla_helpers import START, complaint, make_desk

from complaintkit.desk import Desk
from complaintkit.errors import StorageError
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.plan_mark import PlanMark

H = timedelta(hours=1)
OLD = (("late", 1.0),)
NEW = (("early", 2 / 48), ("late", 1.0))


def _document(*levels: tuple[str, float]) -> dict[str, Any]:
    return {
        "sla": {"warnings": [], "targets": [{"resolution": "48h"}]},
        "escalation": {
            "ladders": [
                {
                    "name": "std",
                    "levels": [
                        {
                            "name": name,
                            "trigger": {"sla": "resolution", "elapsed": fraction},
                            "actions": [{"add_tags": [name]}],
                        }
                        for name, fraction in levels
                    ],
                }
            ]
        },
    }


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage | str]:
    """Where both versions' Desks work: one memory store, or a URL each opens. PostgreSQL
    is skipped when its server is unreachable, and fails then under
    ``COMPLAINTKIT_REQUIRE_SERVICES=1`` (the ``postgres_url`` fixture decides)."""
    if request.param == "memory":
        yield MemoryStorage()
    elif request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/c.db"
    else:
        yield str(request.getfixturevalue("postgres_url"))


def _old_desk(store: Storage | str, cases: int = 1) -> tuple[Desk, list[str]]:
    """Cases opened and swept under version 1, which records that it planned them."""
    old, _ = make_desk(_document(*OLD), storage=store, version="1")
    ids = [old.intake(complaint(n)).id for n in range(cases)]
    old.tick()
    return old, ids


def _scheduled(desk: Desk, case_id: str) -> int:
    return sum(e.kind == "sla_scheduled" for e in desk.history(case_id))


def test_a_level_a_new_version_adds_fires_before_the_stored_deadline(
    store: Storage | str,
) -> None:
    old, (case_id,) = _old_desk(store)
    assert old.get(case_id).next_deadline == START + 48 * H
    new, clock = make_desk(_document(*NEW), storage=store, version="2")
    clock.set(START + 3 * H)
    new.tick()
    fired = [
        datetime.fromisoformat(e.data["due_at"])
        for e in new.history(case_id)
        if e.kind == "escalated"
    ]
    assert fired == [START + 2 * H]
    assert "early" in new.get(case_id).tags
    with new.storage.hold_plan_mark() as mark:
        assert mark == PlanMark("2", superseded=("1",))


def test_a_restart_under_the_same_version_writes_nothing_at_the_sweep(tmp_path: Path) -> None:
    """The guard any fix must keep: a Desk restarted on the version that planned the
    stored deadlines finds nothing to fire before them, and records nothing."""
    url = f"sqlite:///{tmp_path}/c.db"
    old, _ = make_desk(_document(*OLD), storage=url, version="1")
    case_id = old.intake(complaint()).id
    written = len(old.history(case_id))
    again, clock = make_desk(_document(*OLD), storage=url, version="1")
    clock.set(START + 3 * H)
    assert again.tick().events == 0
    assert len(again.history(case_id)) == written


def test_a_replan_cut_short_after_its_first_batch_resumes_there(store: Storage | str) -> None:
    old, ids = _old_desk(store, cases=5)
    before = {case_id: _scheduled(old, case_id) for case_id in ids}
    new, clock = make_desk(_document(*NEW), storage=store, version="2")
    clock.set(START + 1 * H)  # before the new level: each re-plan moves the deadline only
    saves = new.storage.save_many
    calls = 0

    def failing_after_one(changes: Sequence[tuple[Case, Sequence[CaseEvent]]]) -> None:
        nonlocal calls
        calls += 1
        if calls > 1:
            raise StorageError("the disk filled up")
        saves(changes)

    new.storage.save_many = failing_after_one  # type: ignore[method-assign]
    with pytest.raises(StorageError):
        new.tick(batch=2)
    with new.storage.hold_plan_mark() as mark:
        assert mark == PlanMark("1", target="2", after=sorted(ids)[1], superseded=("1",))
    new.storage.save_many = saves  # type: ignore[method-assign]
    new.tick(batch=2)
    after = {case_id: _scheduled(new, case_id) for case_id in ids}
    assert after == {case_id: count + 1 for case_id, count in before.items()}
    assert {new.get(case_id).next_deadline for case_id in ids} == {START + 2 * H}
    with new.storage.hold_plan_mark() as mark:
        assert mark == PlanMark("2", superseded=("1",))


def test_a_closed_case_is_not_read_by_the_replan(store: Storage | str) -> None:
    old, (kept, closed) = _old_desk(store, cases=2)
    old.transition(closed, "withdrawn", actor="customer")
    written = len(old.history(closed))
    new, clock = make_desk(_document(*NEW), storage=store, version="2")
    read: list[str] = []
    cases_after = new.storage.open_cases_after

    def reading(after: str | None, limit: int) -> list[Case]:
        found = cases_after(after, limit)
        read.extend(case.id for case in found)
        return found

    new.storage.open_cases_after = reading  # type: ignore[method-assign]
    clock.set(START + 3 * H)
    new.tick()
    assert read == [kept]
    assert len(new.history(closed)) == written
    assert "early" in new.get(kept).tags
