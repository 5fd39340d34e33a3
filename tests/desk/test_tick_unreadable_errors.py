"""A case whose tick fails with an error that cannot be read as text (a plugin's
exception whose ``__str__`` raises, a message that is an int too long to print) costs that
case only: the tick goes on with the others and names it among the failed."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

import complaintkit.desk.tick as tick_module
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.storage_contract import make_complaint

DEMO_POLICY = Path(__file__).parents[2] / "src/complaintkit/demo/policy.yaml"


class Unsayable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("str of the error broke")


ERRORS = {"unsayable": Unsayable(), "huge-message": ValueError(10**5000)}


@pytest.mark.parametrize("error", ERRORS)
def test_the_other_cases_are_ticked(monkeypatch: pytest.MonkeyPatch, error: str) -> None:
    first = make_complaint("a")
    clock = ManualClock(first.received_at)
    desk = Desk(load_policy(DEMO_POLICY), storage="memory:", clock=clock)
    failing = desk.intake(first)
    other = desk.intake(make_complaint("b"))
    real = tick_module.up_to_date

    def up_to_date(case: Case, *args: Any) -> Any:
        if case.id == failing.id:
            raise ERRORS[error]
        return real(case, *args)

    monkeypatch.setattr(tick_module, "up_to_date", up_to_date)
    clock.set(first.received_at + timedelta(days=30))
    result = desk.tick()
    assert [case_id for case_id, _ in result.failed] == [failing.id]
    assert type(ERRORS[error]).__name__ in result.failed[0][1]
    assert len(desk.history(other.id)) > len(desk.history(failing.id))
