"""A rolling deploy: Desks on versions 1 and 2 tick one store. Version 2 re-plans once;
version 1, superseded by it, does not re-plan back (it warns once and sweeps as usual), so
the deadlines do not swing between the versions on every tick. A version the store has
not recorded re-plans, and supersedes every version recorded before it."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sla_helpers import START, complaint, make_desk

from complaintkit.desk import Desk
from complaintkit.desk.replan import replan_open
from complaintkit.model.case import Case
from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.plan_mark import PlanMark

H = timedelta(hours=1)


def _document(early: float) -> dict[str, Any]:
    """Version 2 brings a level forward of version 1's one level at the deadline."""
    levels = [("early", early), ("late", 1.0)] if early < 1 else [("late", 1.0)]
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


_WRAPPED: list[Storage] = []


def _reading(desk: Desk, read: list[str]) -> None:
    """Name in ``read`` every case the Desk's re-plan reads (once: Desks on one memory
    store share it)."""
    if desk.storage in _WRAPPED:
        return
    _WRAPPED.append(desk.storage)
    cases_after = desk.storage.open_cases_after

    def reading(after: str | None, limit: int) -> list[Case]:
        found = cases_after(after, limit)
        read.extend(case.id for case in found)
        return found

    desk.storage.open_cases_after = reading  # type: ignore[method-assign]


def _desk(store: Storage | str, version: str, read: list[str]) -> Desk:
    desk, clock = make_desk(
        _document(2 / 48 if version == "2" else 1.0), storage=store, version=version
    )
    clock.set(START + 1 * H)  # before the new level: a re-plan moves the deadline only
    _reading(desk, read)
    return desk


def test_an_older_version_ticking_after_a_newer_one_does_not_replan_back(
    store: Storage | str, caplog: pytest.LogCaptureFixture
) -> None:
    read: list[str] = []
    one = _desk(store, "1", read)
    ids = [one.intake(complaint(n)).id for n in range(3)]
    one.tick()
    two = _desk(store, "2", read)

    def scheduled() -> int:
        return sum(e.kind == "sla_scheduled" for i in ids for e in two.history(i))

    before = scheduled()
    two.tick()
    assert sorted(read) == sorted(ids)
    assert scheduled() == before + len(ids)
    read.clear()
    with caplog.at_level(logging.WARNING, logger="complaintkit.desk.replan"):
        one.tick()
        two.tick()
        one.tick()
        two.tick()
    assert read == []
    assert scheduled() == before + len(ids)
    assert {two.get(i).next_deadline for i in ids} == {START + 2 * H}
    warned = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warned) == 1
    with two.storage.hold_plan_mark() as mark:
        assert mark == PlanMark("2", superseded=("1",))


def test_a_version_not_recorded_before_replans_and_supersedes_the_others(
    store: Storage | str,
) -> None:
    """Rolling back to version 1's rules re-plans only under a name the store has not
    recorded; then neither 1 nor 2, still ticking somewhere, re-plans back."""
    read: list[str] = []
    one = _desk(store, "1", read)
    case_id = one.intake(complaint()).id
    one.tick()
    two = _desk(store, "2", read)
    two.tick()
    assert two.get(case_id).next_deadline == START + 2 * H
    back, clock = make_desk(_document(1.0), storage=store, version="1-again")
    clock.set(START + 1 * H)
    back.tick()
    assert back.get(case_id).next_deadline == START + 48 * H
    read.clear()
    two.tick()
    one.tick()
    assert read == []
    assert back.get(case_id).next_deadline == START + 48 * H
    with back.storage.hold_plan_mark() as mark:
        assert mark == PlanMark("1-again", superseded=("1", "2"))


def test_an_older_version_leaves_a_replan_in_progress_to_the_newer_one(
    store: Storage | str,
) -> None:
    read: list[str] = []
    one = _desk(store, "1", read)
    ids = sorted(one.intake(complaint(n)).id for n in range(3))
    one.tick()
    two = _desk(store, "2", read)
    with two.storage.hold_plan_mark():  # as a re-plan to 2 cut short after its first case
        two.storage.set_plan_mark(PlanMark("1").replanning("2", ids[0]))
    one.tick()
    assert read == []
    two.tick()
    assert read == ids[1:]
    with two.storage.hold_plan_mark() as mark:
        assert mark == PlanMark("2", superseded=("1",))


@given(st.lists(st.sampled_from("abc"), min_size=1, max_size=12))
def test_each_version_replans_only_the_first_time_it_ticks(versions: list[str]) -> None:
    """Whatever order Desks of versions a, b and c tick in, a version re-plans only at its
    first tick after another version's (the store's first tick records it and re-plans
    nothing): the deadlines never swing back between versions."""
    storage = MemoryStorage()
    replans: list[str] = []
    for version in versions:

        def reading(after: str | None, limit: int, version: str = version) -> list[Case]:
            replans.append(version)
            return []

        storage.open_cases_after = reading  # type: ignore[method-assign]
        replan_open(storage, version, _no_bring, _ignore, _ignore, 10, Counter(), [], {})
    firsts = [v for n, v in enumerate(versions) if v not in versions[:n]]
    assert replans == firsts[1:]


def _no_bring(case: Case) -> tuple[list[Any], list[Any]]:
    raise AssertionError(case.id)


def _ignore(*_: object) -> None:
    """Nothing to announce or write: no case is read."""


def test_cases_an_older_version_opens_after_the_replan_are_planned_by_the_newer_tick(
    store: Storage | str,
) -> None:
    """A case a Desk still on version 1 opens once version 2 has re-planned is planned by
    version 1's rules; version 2's next tick re-plans it, and fires what fell due by its
    rules, so a ``tick --replan`` after the deploy finds nothing left to do."""
    read: list[str] = []
    one = _desk(store, "1", read)
    one.intake(complaint(1))
    one.tick()
    two = _desk(store, "2", read)
    two.tick()
    late = one.intake(complaint(2, at=START + 1 * H)).id  # version 2's level: 3 h
    two.clock.set(START + 4 * H)  # type: ignore[attr-defined]
    two.tick()
    assert "early" in two.get(late).tags
    assert two.get(late).next_deadline == START + 49 * H
    written = len(two.history(late))
    assert two.tick(replan=True).events == 0
    assert len(two.history(late)) == written
