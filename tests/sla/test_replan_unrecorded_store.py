"""A store that holds no record of which version planned its deadlines — one migrated from
before the record was kept, or one whose cases were taken in but never ticked — and whose
first tick runs a new policy version: its open cases were planned by the versions they
were opened under, so they are re-planned under the new one, as a store that kept the
record re-plans them. Found by checking a migrated store given a new version: its first
tick recorded the new version and re-planned nothing, so a level the new version brought
forward waited for the old deadline."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sla_helpers import START, complaint, make_desk
from test_new_level_before_the_stored_deadline import NEW, OLD, _document

from complaintkit.desk import Desk
from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.plan_mark import PlanMark
from complaintkit.storage.sqlite_plan_mark import PLAN_MARK
from complaintkit.storage.sqlite_schema import MIGRATIONS

H = timedelta(hours=1)


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage | str]:
    if request.param == "memory":
        yield MemoryStorage()
    elif request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/c.db"
    else:
        yield str(request.getfixturevalue("postgres_url"))


def _mark(desk: Desk) -> PlanMark | None:
    with desk.storage.hold_plan_mark() as mark:
        return mark


def _early_fired(desk: Desk, case_id: str) -> bool:
    return "early" in desk.get(case_id).tags


def test_cases_taken_in_but_never_ticked_are_replanned_by_a_new_version(
    store: Storage | str,
) -> None:
    old, _ = make_desk(_document(*OLD), storage=store, version="1")
    case_id = old.intake(complaint()).id
    assert _mark(old) is None
    new, clock = make_desk(_document(*NEW), storage=store, version="2")
    clock.set(START + 3 * H)
    new.tick()
    assert _early_fired(new, case_id)
    assert _mark(new) == PlanMark("2", superseded=("1",))


def test_a_store_migrated_from_before_the_record_is_replanned_by_a_new_version(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.db"
    old, _ = make_desk(_document(*OLD), storage=f"sqlite:///{path}", version="1")
    case_id = old.intake(complaint()).id
    old.tick()
    old.storage.close()
    with sqlite3.connect(path) as db:  # as the complaintkit before the record left it
        db.execute("DROP TABLE plan_mark")
        db.execute(f"PRAGMA user_version = {MIGRATIONS.index(PLAN_MARK)}")
    new, clock = make_desk(_document(*NEW), storage=f"sqlite:///{path}", version="2")
    clock.set(START + 3 * H)
    new.tick()
    assert _early_fired(new, case_id)
    assert _mark(new) == PlanMark("2", superseded=("1",))
    # the version it superseded, still ticking during a rolling deploy, does not re-plan back
    again, clock = make_desk(_document(*OLD), storage=f"sqlite:///{path}", version="1")
    clock.set(START + 4 * H)
    again.tick()
    assert new.get(case_id).next_deadline == again.get(case_id).next_deadline
    assert _mark(again) == PlanMark("2", superseded=("1",))


def test_an_unrecorded_store_on_the_version_its_cases_were_opened_under_replans_nothing(
    store: Storage | str,
) -> None:
    old, _ = make_desk(_document(*OLD), storage=store, version="1")
    case_id = old.intake(complaint()).id
    written = len(old.history(case_id))
    again, clock = make_desk(_document(*OLD), storage=store, version="1")
    clock.set(START + 1 * H)
    assert again.tick().events == 0
    assert len(again.history(case_id)) == written
    assert _mark(again) == PlanMark("1")


def test_an_unrecorded_store_without_open_cases_records_the_version(store: Storage | str) -> None:
    old, _ = make_desk(_document(*OLD), storage=store, version="1")
    case_id = old.intake(complaint()).id
    old.transition(case_id, "withdrawn", actor="customer")
    new, clock = make_desk(_document(*NEW), storage=store, version="2")
    clock.set(START + 3 * H)
    assert new.tick().events == 0
    assert _mark(new) == PlanMark("2")
