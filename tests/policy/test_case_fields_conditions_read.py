"""A case field a condition may name is one the record conditions read holds: a field the
record leaves out would be a condition that silently never holds (``case.resolution
exists`` on a resolved case was false)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import PolicyError
from complaintkit.model.complaint import Complaint
from complaintkit.policy.case_record import case_record
from complaintkit.policy.compiled import load_policy
from complaintkit.policy.conditions import compile_condition
from complaintkit.policy.fieldpaths import RECORD_FIELDS

BASE = Path(__file__).resolve().parents[2] / "docs" / "policy" / "base.yaml"


def test_every_case_field_a_condition_may_name_is_in_the_record() -> None:
    desk = Desk(load_policy(BASE), storage="memory:", clock=ManualClock(datetime.now(UTC)))
    complaint = {"channel": "web", "external_id": "e", "customer": {"id": "c"}, "text": "变质"}
    case = desk.intake(Complaint.from_json({**complaint, "received_at": datetime.now(UTC)}))
    case = desk.resolve(desk.respond(case.id, "hi", actor="a").id, "fixed", actor="a")
    fields = case_record(case)["case"]
    assert isinstance(fields, dict)
    assert RECORD_FIELDS["case"] <= set(fields)


@pytest.mark.parametrize(
    "field", ["case.resolution", "case.first_response_at", "case.satisfaction", "case.clocks"]
)
def test_a_case_field_the_record_does_not_hold_is_refused(field: str) -> None:
    with pytest.raises(PolicyError) as refused:
        compile_condition({"field": field, "exists": True})
    (problem,) = refused.value.problems
    assert field in problem.message
    assert "status" in problem.hint
