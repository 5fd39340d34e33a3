"""Two ticks at once under a new policy version on one PostgreSQL store: the plan mark's
row lock lets one re-plan at a time, the second going on from the record the first
committed, so no open case is read for re-planning twice and each is re-planned once."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from sla_helpers import START, complaint, make_desk

from complaintkit.model.case import Case
from complaintkit.storage.plan_mark import PlanMark

pytestmark = pytest.mark.postgres

H = timedelta(hours=1)


def _document(*levels: tuple[str, float]) -> dict[str, Any]:
    ladder = [
        {
            "name": name,
            "trigger": {"sla": "resolution", "elapsed": fraction},
            "actions": [{"add_tags": [name]}],
        }
        for name, fraction in levels
    ]
    return {
        "sla": {"warnings": [], "targets": [{"resolution": "48h"}]},
        "escalation": {"ladders": [{"name": "std", "levels": ladder}]},
    }


def test_two_ticks_at_once_replan_each_open_case_once(postgres_url: str) -> None:
    old, _ = make_desk(_document(("late", 1.0)), storage=postgres_url, version="1")
    ids = [old.intake(complaint(n)).id for n in range(12)]
    old.tick()
    read: list[str] = []
    desks = []
    for _ in range(2):
        desk, clock = make_desk(
            _document(("early", 2 / 48), ("late", 1.0)), storage=postgres_url, version="2"
        )
        clock.set(START + 3 * H)
        cases_after = desk.storage.open_cases_after

        def reading(after: str | None, limit: int, cases_after: Any = cases_after) -> list[Case]:
            found: list[Case] = cases_after(after, limit)
            read.extend(case.id for case in found)
            return found

        desk.storage.open_cases_after = reading  # type: ignore[method-assign]
        desks.append(desk)
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def tick(index: int) -> None:
        start.wait()
        try:
            desks[index].tick(batch=3)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=tick, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sorted(read) == sorted(ids)
    for case_id in ids:
        escalated = [e for e in desks[0].history(case_id) if e.kind == "escalated"]
        assert [e.data["level"] for e in escalated] == ["early"]
    with desks[0].storage.hold_plan_mark() as mark:
        assert mark == PlanMark("2", superseded=("1",))
