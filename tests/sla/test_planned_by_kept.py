"""What each store keeps of ``Case.planned_by``: a save without one keeps the one stored, a
closed case is no longer answered, and a record made in a block that raises is undone."""

from __future__ import annotations

from pathlib import Path

import pytest
from sla_helpers import complaint, make_desk
from test_replan_superseded_saves import document

from complaintkit.desk import Desk
from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> Desk:
    if request.param == "memory":
        store: Storage | str = MemoryStorage()
    elif request.param == "sqlite":
        store = f"sqlite:///{tmp_path}/c.db"
    else:
        store = str(request.getfixturevalue("postgres_url"))
    return make_desk(document(None), storage=store, version="1")[0]


def _planned_by(desk: Desk, *versions: str) -> list[str]:
    return [case.id for case in desk.storage.open_cases_planned_by(versions, None, 10)]


def test_a_save_without_planned_by_keeps_the_one_stored(desk: Desk) -> None:
    case_id = desk.intake(complaint()).id
    case = desk.get(case_id)
    assert case.planned_by is None  # not read back: the Desk sets it when it plans
    desk.storage.save(case, [])
    desk.storage.save_many([(case, [])])
    assert _planned_by(desk, "1") == [case_id]


def test_a_closed_case_is_not_answered(desk: Desk) -> None:
    kept, closed = (desk.intake(complaint(n)).id for n in range(2))
    desk.transition(closed, "withdrawn", actor="customer")
    assert _planned_by(desk, "1") == [kept]
    assert _planned_by(desk, "2") == []


def test_planned_by_set_in_a_block_that_raises_is_undone(desk: Desk) -> None:
    case_id = desk.intake(complaint()).id

    def cut_short() -> None:
        with desk.storage.hold_plan_mark():
            desk.storage.set_planned_by([case_id], "2")
            raise RuntimeError("cut short")

    with pytest.raises(RuntimeError):
        cut_short()
    assert _planned_by(desk, "2") == []
    with desk.storage.hold_plan_mark():
        desk.storage.set_planned_by([case_id], "2")
    assert _planned_by(desk, "2") == [case_id]
    assert _planned_by(desk, "1") == []
