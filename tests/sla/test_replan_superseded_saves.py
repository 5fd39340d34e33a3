"""During a rolling deploy a Desk still on version 1 opens and changes cases after version
2 has re-planned the store. Version 1 plans them by its rules, so version 2's sweep would
find them by version 1's deadline; version 2's ordinary tick re-plans them itself, and only
them: what fell due by its rules fires, with the instant it fell due, and the new deadline
is saved with its ``sla_scheduled``. A tick cut short part-way resumes at the next tick."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sla_helpers import START, complaint, make_desk

from complaintkit.desk import Desk
from complaintkit.errors import StorageError
from complaintkit.model.case import Case
from complaintkit.model.drafts import Draft
from complaintkit.model.events import CaseEvent
from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite_plan_mark import PLANNED_BY
from complaintkit.storage.sqlite_schema import MIGRATIONS

H = timedelta(hours=1)


def document(early: float | None) -> dict[str, Any]:
    """Version 2 (``early``: the fraction of 48 h its added level falls due at) brings a
    level forward of version 1's one level at the deadline."""
    levels = [("late", 1.0)] if early is None else [("early", early), ("late", 1.0)]
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
    """One memory store, or a URL each Desk opens (PostgreSQL: the ``postgres_url``
    fixture skips it when the server is unreachable)."""
    if request.param == "memory":
        yield MemoryStorage()
    elif request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/c.db"
    else:
        yield str(request.getfixturevalue("postgres_url"))


def reacting(desk: Desk) -> list[str]:
    """The ids of the cases ``desk``'s SLA engine is asked about, in order."""
    assert desk.sla is not None
    asked: list[str] = []
    react = desk.sla.react

    def recording(case: Case, *args: Any, **kwargs: Any) -> list[Draft]:
        asked.append(case.id)
        return react(case, *args, **kwargs)

    desk.sla.react = recording  # type: ignore[method-assign]
    return asked


def replanned(store: Storage | str) -> tuple[Desk, Desk]:
    """Desks on versions 1 and 2 of one store, at START + 1 h, once version 2 has
    re-planned the case version 1 opened (its level now falls due at START + 2 h)."""
    one, _ = make_desk(document(None), storage=store, version="1")
    first = one.intake(complaint(0)).id
    one.tick()
    two, clock = make_desk(document(2 / 48), storage=store, version="2")
    clock.set(START + 1 * H)
    two.tick()
    assert two.get(first).next_deadline == START + 2 * H
    one.clock.set(START + 1 * H)  # type: ignore[attr-defined]
    return one, two


def escalations(desk: Desk, case_id: str) -> list[tuple[str, datetime]]:
    return [
        (str(e.data["level"]), datetime.fromisoformat(e.data["due_at"]))
        for e in desk.history(case_id)
        if e.kind == "escalated"
    ]


def scheduled(desk: Desk, case_id: str) -> datetime | None:
    """The deadline of the case's last ``sla_scheduled``."""
    last = [e for e in desk.history(case_id) if e.kind == "sla_scheduled"][-1]
    deadline = last.data["next_deadline"]
    return None if deadline is None else datetime.fromisoformat(deadline)


def test_a_case_the_older_version_opens_after_the_replan_is_brought_up_to_date(
    store: Storage | str,
) -> None:
    one, two = replanned(store)
    late = one.intake(complaint(1, at=START + 1 * H)).id  # version 2's level: at 3 h
    assert one.get(late).next_deadline == START + 49 * H  # version 1's plan
    two.clock.set(START + 4 * H)  # type: ignore[attr-defined]
    two.tick()
    assert escalations(two, late) == [("early", START + 3 * H)]
    assert "early" in two.get(late).tags
    assert two.get(late).next_deadline == START + 49 * H
    assert scheduled(two, late) == START + 49 * H


def test_only_the_cases_the_older_version_saved_are_read_and_once(
    store: Storage | str,
) -> None:
    one, two = replanned(store)
    late = one.intake(complaint(1, at=START + 1 * H)).id
    asked = reacting(two)
    two.clock.set(START + 90 * timedelta(minutes=1))  # type: ignore[attr-defined]
    two.tick()  # nothing falls due: the re-plan moves the deadline only
    assert asked == [late]
    assert two.get(late).next_deadline == START + 3 * H
    assert scheduled(two, late) == START + 3 * H
    asked.clear()
    two.tick()
    assert asked == []


def test_a_case_the_older_version_changes_after_the_replan_is_brought_up_to_date(
    store: Storage | str,
) -> None:
    one, two = replanned(store)
    (case_id,) = [case.id for case in two.find(open_only=True)]
    one.clock.set(START + 90 * timedelta(minutes=1))  # type: ignore[attr-defined]
    one.note(case_id, "客户来电催促", actor="li.na")
    assert one.get(case_id).next_deadline == START + 48 * H  # version 1's rules moved it back
    asked = reacting(two)
    two.clock.set(START + 4 * H)  # type: ignore[attr-defined]
    two.tick()
    assert asked == [case_id]
    assert escalations(two, case_id) == [("early", START + 2 * H)]
    assert two.get(case_id).next_deadline == START + 48 * H


def test_the_older_version_s_tick_does_not_replan_what_the_newer_one_brought_up_to_date(
    store: Storage | str,
) -> None:
    one, two = replanned(store)
    late = one.intake(complaint(1, at=START + 1 * H)).id
    two.tick()  # at 1 h: the new deadline, before the level
    assert two.get(late).next_deadline == START + 3 * H
    asked = reacting(one)
    one.tick()
    assert asked == []
    assert one.get(late).next_deadline == START + 3 * H


def test_a_tick_cut_short_part_way_resumes_at_the_next(store: Storage | str) -> None:
    one, two = replanned(store)
    opened = sorted(one.intake(complaint(n, at=START + 1 * H)).id for n in range(1, 4))
    saves = two.storage.save_many
    calls = 0

    def failing_after_one(changes: Sequence[tuple[Case, Sequence[CaseEvent]]]) -> None:
        nonlocal calls
        calls += 1
        if calls > 1:
            raise StorageError("the disk filled up")
        saves(changes)

    two.storage.save_many = failing_after_one  # type: ignore[method-assign]
    two.clock.set(START + 4 * H)  # type: ignore[attr-defined]
    with pytest.raises(StorageError):
        two.tick(batch=1)
    assert [bool(escalations(two, case_id)) for case_id in opened] == [True, False, False]
    two.storage.save_many = saves  # type: ignore[method-assign]
    asked = reacting(two)
    two.tick(batch=1)
    assert [case_id for case_id in asked if case_id in opened] == opened[1:]
    for case_id in opened:
        assert escalations(two, case_id) == [("early", START + 3 * H)]


def test_a_store_from_before_planned_by_was_kept_migrates_to_keep_it(tmp_path: Path) -> None:
    """A case saved before the store kept who planned it is planned as the record says;
    one saved after, by a superseded version, is re-planned by the newer one."""
    path = tmp_path / "c.db"
    one, two = replanned(f"sqlite:///{path}")
    before = one.intake(complaint(1, at=START + 1 * H)).id
    for desk in (one, two):
        desk.storage.close()
    with sqlite3.connect(path) as db:  # as the complaintkit before the column left it
        db.execute("DROP INDEX cases_planned_by")
        db.execute("ALTER TABLE cases DROP COLUMN planned_by")
        db.execute(f"PRAGMA user_version = {MIGRATIONS.index(PLANNED_BY)}")
    one, two = replanned(f"sqlite:///{path}")  # the same store: nothing left to re-plan
    after = one.intake(complaint(2, at=START + 1 * H)).id
    asked = reacting(two)
    two.tick()
    assert asked == [after]
    assert two.get(before).next_deadline == START + 49 * H  # version 1's, as it was saved
    assert two.get(after).next_deadline == START + 3 * H
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (len(MIGRATIONS),)
        planned = dict(db.execute("SELECT id, planned_by FROM cases").fetchall())
    assert planned[before] is None
    assert planned[after] == "2"


#: What happens between version 2's re-plan and its last tick: version 1 opens, changes or
#: withdraws a case, either version ticks, or time passes (minutes).
STEPS = st.lists(
    st.one_of(
        st.tuples(
            st.sampled_from(["open", "note", "withdraw", "tick 1", "tick 2"]), st.integers(0, 5)
        ),
        st.tuples(st.just("wait"), st.integers(1, 60 * 60)),
    ),
    max_size=14,
)


@settings(max_examples=60, deadline=None)
@given(steps=STEPS)
def test_after_any_rolling_deploy_the_newer_tick_leaves_nothing_to_a_forced_replan(
    steps: list[tuple[str, int]],
) -> None:
    """Whatever version 1 does while version 2 runs, version 2's ordinary tick brings
    every case up to date: a forced re-plan at the same instant saves nothing."""
    one, two = replanned(MemoryStorage())
    now = START + 1 * H
    opened: list[str] = []
    for kind, n in steps:
        if kind == "wait":
            now += n * timedelta(minutes=1)
        one.clock.set(now)  # type: ignore[attr-defined]
        two.clock.set(now)  # type: ignore[attr-defined]
        open_ids = [case.id for case in one.find(open_only=True)]
        if kind == "open":
            opened.append(one.intake(complaint(len(opened) + 1, at=now)).id)
        elif kind in ("note", "withdraw") and open_ids:
            case_id = open_ids[n % len(open_ids)]
            if kind == "note":
                one.note(case_id, "客户来电催促", actor="li.na")
            else:
                one.transition(case_id, "withdrawn", actor="customer")
        elif kind == "tick 1":
            one.tick()
        elif kind == "tick 2":
            two.tick()
    two.tick()
    assert two.tick(replan=True).events == 0


#: Three versions, each bringing the level in at another point (``None``: at the deadline).
EARLY = {"a": None, "b": 2 / 48, "c": 5 / 48}

DEPLOY_STEPS = st.lists(
    st.tuples(
        st.sampled_from(["open", "note", "tick", "replan", "wait"]),
        st.sampled_from(sorted(EARLY)),
        st.integers(0, 5),
    ),
    max_size=16,
)


@settings(max_examples=80, deadline=None)
@given(steps=DEPLOY_STEPS)
def test_after_any_deploys_and_rollbacks_the_recorded_version_s_tick_leaves_nothing(
    steps: list[tuple[str, str, int]],
) -> None:
    """Desks of versions a, b and c, each started by its first tick (a deploy, or a
    rollback forced with ``tick --replan``), open, change and tick cases in any order: a
    tick of the version the store records brings every case up to date by its rules."""
    storage = MemoryStorage()
    now, numbers = START, itertools.count()
    desks: dict[str, Desk] = {}
    for kind, version, n in steps:
        if kind == "wait":
            now += n * 17 * timedelta(minutes=1)
            continue
        desk = desks.get(version)
        if desk is None:
            desk = desks[version] = make_desk(
                document(EARLY[version]), storage=storage, version=version
            )[0]
            desk.clock.set(now)  # type: ignore[attr-defined]
            desk.tick()
        desk.clock.set(now)  # type: ignore[attr-defined]
        open_ids = [case.id for case in desk.find(open_only=True)]
        if kind == "open":
            desk.intake(complaint(next(numbers), at=now))
        elif kind == "note" and open_ids:
            desk.note(open_ids[n % len(open_ids)], "客户来电催促", actor="li.na")
        elif kind in ("tick", "replan"):
            desk.tick(replan=kind == "replan")
    if not desks:
        return
    with storage.hold_plan_mark() as mark:
        assert mark is not None
    recorded = desks[mark.target or mark.version]
    recorded.tick()
    assert recorded.tick(replan=True).events == 0
