"""An SLA target row or an escalation level comparing a fact with a number, where the case
gives the fact with its unit (``days_late: "3天"``, ``"3 days"``, ``"３天"``), did not
match: the complaint got the slow target and the level never fired, without a word, where
compensation refused the same fact naming the row and the number to write. Now the change
that brings the fact is refused so (intake: a dead letter on a channel; ``set_facts``), and
numbers still choose the target they did."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sla_helpers import OFFICE, START, complaint, make_desk

from complaintkit.errors import InvalidInput

LATE = {"field": "days_late", ">=": 3}
TARGETS: dict[str, Any] = {
    "calendars": {"office": OFFICE},
    "sla": {
        "calendar": "office",
        "warnings": [],
        "targets": [{"when": LATE, "first_response": "1h"}, {"first_response": "24h"}],
    },
}
LADDER: dict[str, Any] = {
    "calendars": {"office": OFFICE},
    "sla": {"calendar": "office", "warnings": [], "targets": [{"first_response": "24h"}]},
    "escalation": {
        "ladders": [
            {
                "name": "late",
                "levels": [
                    {
                        "name": "lead",
                        "trigger": {"condition": LATE},
                        "actions": [{"add_tags": ["late"]}],
                    }
                ],
            }
        ]
    },
}


@pytest.mark.parametrize(("days", "bare"), [("3天", "3"), ("3 days", "3"), ("\uff13\u5929", "3")])
def test_a_target_row_refuses_a_number_with_its_unit(days: str, bare: str) -> None:
    desk, _ = make_desk(TARGETS)
    with pytest.raises(InvalidInput) as refused:
        desk.intake(complaint(days_late=days))
    assert refused.value.field == "facts.days_late"
    assert "sla.targets[0].when" in refused.value.message
    assert f"write days_late: {bare}, the number alone" in refused.value.message


def test_an_escalation_condition_refuses_a_number_with_its_unit() -> None:
    desk, _ = make_desk(LADDER)
    with pytest.raises(InvalidInput) as refused:
        desk.intake(complaint(days_late="3天"))
    assert "escalation.ladders[0].levels[0].trigger.condition" in refused.value.message
    assert "write days_late: 3, the number alone" in refused.value.message


def test_facts_set_later_with_a_unit_are_refused_and_the_case_kept() -> None:
    desk, _ = make_desk(LADDER)
    case = desk.intake(complaint(days_late=1))
    with pytest.raises(InvalidInput) as refused:
        desk.set_facts(case.id, {"days_late": "5 days"}, actor="li.na")
    assert "write days_late: 5, the number alone" in refused.value.message
    assert desk.get(case.id).version == case.version


@settings(max_examples=30, deadline=None)
@given(days=st.integers(-3, 9), as_text=st.booleans())
def test_numbers_choose_the_target_they_did(days: int, as_text: bool) -> None:
    desk, _ = make_desk(TARGETS)
    case = desk.intake(complaint(days_late=str(days) if as_text else days))
    state = case.clocks.metrics["first_response"]
    assert (state.due_at == START + timedelta(hours=1)) == (days >= 3)


def test_a_sweep_meeting_one_names_the_case_and_leaves_it_due(tmp_path: Path) -> None:
    store = f"sqlite:///{tmp_path / 'cases.db'}"
    before = {k: v for k, v in LADDER.items() if k != "escalation"}
    desk, clock = make_desk(before, storage=store)
    case = desk.intake(complaint(days_late="3天"))  # kept while no row compared it
    desk.storage.close()
    desk, _ = make_desk(LADDER, storage=store, start=clock.now(), version="2")
    report = desk.tick(replan=True)
    ((case_id, reason),) = report.failed
    assert case_id == case.id
    assert "write days_late: 3, the number alone" in reason
