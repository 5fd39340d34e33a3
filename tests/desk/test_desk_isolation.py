"""Desk.intake_many isolates each complaint, whatever fails, and owns idempotency keys."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from complaintkit.desk import Desk, Taken
from complaintkit.errors import KeyConflict
from complaintkit.hookspecs import hookimpl
from complaintkit.model.case import Case
from complaintkit.model.complaint import Complaint
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.memory import MemoryStorage
from complaintkit.testing.storage_contract import make_complaint


def test_a_plugin_raising_for_one_complaint_refuses_only_that_one() -> None:
    class Fragile:
        @hookimpl
        def classify_complaint(
            self, complaint: Complaint, proposed: dict[str, Any]
        ) -> dict[str, Any] | None:
            if complaint.external_id == "bad":
                raise ZeroDivisionError("division by zero")
            return None

    pm = plugin_manager(load_entrypoints=False)
    pm.register(Fragile())
    desk = Desk(plugins=Plugins(pm))
    outcomes = desk.intake_many([make_complaint("a"), make_complaint("bad"), make_complaint("c")])
    assert [type(o).__name__ for o in outcomes] == ["Taken", "InvalidInput", "Taken"]
    assert "ZeroDivisionError" in str(outcomes[1])


class RefusesOneCase(MemoryStorage):
    """A backend that cannot store one complaint's text (as PostgreSQL and a NUL once did)."""

    def intake_many(
        self, items: Sequence[tuple[Case, Sequence[CaseEvent]]]
    ) -> list[tuple[Case, bool]]:
        if any(case.complaint.text == "unstorable" for case, _ in items):
            raise ValueError("the backend refused the batch")
        return super().intake_many(items)


def test_a_batch_the_backend_refuses_is_stored_around_the_culprit() -> None:
    desk = Desk(storage=RefusesOneCase())
    batch = [make_complaint(f"k{n}") for n in range(7)]
    batch[4] = make_complaint("bad", text="unstorable")
    outcomes = desk.intake_many(batch)
    assert [type(o).__name__ for o in outcomes] == ["Taken"] * 4 + ["InvalidInput"] + ["Taken"] * 2
    assert desk.storage.find_by_key("web", "bad") is None
    assert all(desk.storage.find_by_key("web", f"k{n}") for n in (0, 1, 2, 3, 5, 6))


def test_a_key_held_by_another_customer_is_a_conflict_not_already_known() -> None:
    desk = Desk()
    first = desk.intake(make_complaint("WX-1", customer="squatter"))
    (outcome,) = desk.intake_many([make_complaint("WX-1", customer="genuine")])
    assert isinstance(outcome, KeyConflict)
    assert first.id not in str(outcome)
    assert first.status_token not in str(outcome)
    with pytest.raises(KeyConflict):
        desk.intake(make_complaint("WX-1", customer="genuine"))


def test_the_same_key_for_two_customers_in_one_batch_conflicts_on_the_second() -> None:
    outcomes = Desk().intake_many(
        [make_complaint("K", customer="one"), make_complaint("K", customer="two")]
    )
    assert isinstance(outcomes[0], Taken)
    assert isinstance(outcomes[1], KeyConflict)


def test_the_same_key_from_the_same_customer_is_still_already_known() -> None:
    desk = Desk()
    desk.intake(make_complaint("K"))
    (outcome,) = desk.intake_many([make_complaint("K")])
    assert isinstance(outcome, Taken)
    assert not outcome.created
