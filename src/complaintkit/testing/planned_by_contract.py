"""The contract of a backend that keeps ``Case.planned_by`` (``open_cases_planned_by``,
``set_planned_by``): mix ``PlannedByContract`` into a ``StorageContract`` subclass.

A re-plan reads what a superseded policy version planned through these two methods only;
a backend answering another set of cases than it was told leaves deadlines that no version
computed (a level a new version brought forward never fires), or re-plans a case twice.
``Storage``'s defaults keep nothing and answer none, which this contract does not hold.
"""

from __future__ import annotations

import pytest

from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage
from complaintkit.testing.storage_contract import append_note, make_complaint

#: Policy versions are free text.
V1, V2, V3 = "2026.11 版", "v2 'quoted' \\ %s", "v3"


def _ids(cases: list[Case]) -> list[str]:
    return [case.id for case in cases]


class PlannedByContract:
    """Behaviour every backend that records who planned each case must have."""

    @pytest.fixture
    def cases(self, desk: Desk) -> list[Case]:
        """Six open cases, in id order."""
        made = [desk.intake(make_complaint(f"planned-{n}", customer=f"C{n}")) for n in range(6)]
        return sorted(made, key=lambda case: case.id)

    def test_the_open_cases_a_version_planned_are_answered_in_id_order(
        self, storage: Storage, cases: list[Case]
    ) -> None:
        storage.set_planned_by([c.id for c in cases[::2]], V1)
        storage.set_planned_by([c.id for c in cases[1::2]], V2)
        assert _ids(storage.open_cases_planned_by([V1], None, 10)) == _ids(cases[::2])
        assert _ids(storage.open_cases_planned_by({V1, V2}, None, 10)) == _ids(cases)
        assert _ids(storage.open_cases_planned_by([V2], cases[1].id, 10)) == _ids(cases[3::2])
        assert _ids(storage.open_cases_planned_by([V1, V2], cases[0].id, 2)) == _ids(cases[1:3])
        assert storage.open_cases_planned_by([V3], None, 10) == []
        assert storage.open_cases_planned_by([], None, 10) == []

    def test_the_answered_cases_are_the_stored_ones(
        self, storage: Storage, cases: list[Case]
    ) -> None:
        storage.set_planned_by([cases[0].id], V1)
        (found,) = storage.open_cases_planned_by([V1], None, 10)
        assert found.to_json() == storage.get(cases[0].id).to_json()

    def test_a_case_planned_again_is_answered_for_its_new_version_only(
        self, storage: Storage, cases: list[Case]
    ) -> None:
        storage.set_planned_by(_ids(cases), V1)
        storage.set_planned_by(_ids(cases[:2]), V2)
        assert _ids(storage.open_cases_planned_by([V1], None, 10)) == _ids(cases[2:])
        assert _ids(storage.open_cases_planned_by([V2], None, 10)) == _ids(cases[:2])

    def test_a_save_keeps_the_version_it_names_and_else_the_stored_one(
        self, storage: Storage, cases: list[Case]
    ) -> None:
        storage.set_planned_by(_ids(cases[:2]), V1)
        append_note(storage, storage.get(cases[0].id), "no version named")
        append_note(storage, storage.get(cases[1].id), "planned anew", planned_by=V3)
        assert _ids(storage.open_cases_planned_by([V1], None, 10)) == [cases[0].id]
        assert _ids(storage.open_cases_planned_by([V3], None, 10)) == [cases[1].id]

    @pytest.mark.parametrize("many", [False, True], ids=["intake", "intake_many"])
    def test_a_case_taken_in_planned_is_answered_for_its_version(
        self, storage: Storage, many: bool
    ) -> None:
        elsewhere = Desk(storage=MemoryStorage())
        made = [elsewhere.intake(make_complaint(f"planned-in-{n}")) for n in range(2)]
        items = [(case, elsewhere.history(case.id)) for case in made]
        made[0].planned_by = V2
        if many:
            storage.intake_many(items)
        else:
            for case, events in items:
                storage.intake(case, events)
        assert _ids(storage.open_cases_planned_by([V2], None, 10)) == [made[0].id]

    def test_a_closed_case_is_not_answered(
        self, storage: Storage, desk: Desk, cases: list[Case]
    ) -> None:
        storage.set_planned_by(_ids(cases), V1)
        desk.transition(cases[0].id, "withdrawn", actor="contract", reason="settled")
        assert _ids(storage.open_cases_planned_by([V1], None, 10)) == _ids(cases[1:])

    def test_unknown_ids_are_passed_over(self, storage: Storage, cases: list[Case]) -> None:
        storage.set_planned_by(["no-such-case", cases[0].id], V1)
        assert _ids(storage.open_cases_planned_by([V1], None, 10)) == [cases[0].id]
        assert len(list(storage.case_ids())) == len(cases)

    def test_a_block_that_raises_undoes_its_plans(
        self, storage: Storage, cases: list[Case]
    ) -> None:
        storage.set_planned_by(_ids(cases[:3]), V1)

        def failing_replan() -> None:
            with storage.transaction():
                storage.set_planned_by(_ids(cases), V2)
                raise RuntimeError("the re-plan failed")

        with pytest.raises(RuntimeError):
            failing_replan()
        assert _ids(storage.open_cases_planned_by([V1], None, 10)) == _ids(cases[:3])
        assert storage.open_cases_planned_by([V2], None, 10) == []

    def test_plans_set_in_a_held_mark_commit_with_it(
        self, storage: Storage, cases: list[Case]
    ) -> None:
        with storage.hold_plan_mark():
            storage.set_planned_by(_ids(cases), V3)
            held = _ids(storage.open_cases_planned_by([V3], None, 10))
        assert held == _ids(cases)
        assert _ids(storage.open_cases_planned_by([V3], None, 10)) == _ids(cases)
