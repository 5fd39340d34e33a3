"""Two writers on one case: a change made on a case someone else changed meanwhile (a tick
firing a warning, another agent) is applied again to the case as it now is, not lost."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import CaseEnded, Conflict, IllegalTransition
from complaintkit.model.case import Case
from complaintkit.model.lifecycle import Status
from complaintkit.testing.storage_contract import make_complaint

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


def two_desks(tmp_path: Path) -> tuple[Desk, Desk, ManualClock]:
    clock = ManualClock(NOW)
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    return Desk(storage=url, clock=clock), Desk(storage=url, clock=clock), clock


def meanwhile(desk: Desk, times: int, other: Callable[[str], Any]) -> None:
    """The next ``times`` reads of a case by ``desk`` are followed by ``other`` changing it:
    ``desk`` works on a case that is no longer the stored one."""
    read = desk.storage.get
    left = [times]

    def racing(case_id: str) -> Case:
        case = read(case_id)
        if left[0] > 0:
            left[0] -= 1
            other(case_id)
        return case

    desk.storage.get = racing  # type: ignore[method-assign]


def test_a_response_racing_another_change_is_applied_to_the_case_as_it_now_is(
    tmp_path: Path,
) -> None:
    agent, other, clock = two_desks(tmp_path)
    case = agent.intake(make_complaint("a"))
    clock.advance(timedelta(minutes=5))
    meanwhile(agent, 1, lambda case_id: other.note(case_id, "checked the order", actor="wang"))
    saved = agent.respond(case.id, "我们已收到您的投诉", actor="li.na")
    kinds = [event.kind for event in agent.history(case.id)]
    assert kinds[-3:] == ["noted", "responded", "transitioned"]
    assert saved.status is Status.ACKNOWLEDGED
    assert saved == agent.storage.get(case.id)


def test_a_change_that_the_other_writer_made_illegal_is_refused_not_applied(
    tmp_path: Path,
) -> None:
    agent, other, _ = two_desks(tmp_path)
    case = agent.intake(make_complaint("a"))
    withdraw = lambda case_id: other.transition(case_id, "withdrawn", actor="customer")  # noqa: E731
    meanwhile(agent, 1, withdraw)
    with pytest.raises(IllegalTransition):
        agent.transition(case.id, "investigating", actor="li.na")
    assert agent.storage.get(case.id).status is Status.WITHDRAWN


def test_a_case_that_keeps_changing_under_the_change_ends_in_conflict(tmp_path: Path) -> None:
    agent, other, _ = two_desks(tmp_path)
    case = agent.intake(make_complaint("a"))
    meanwhile(agent, 100, lambda case_id: other.note(case_id, "again", actor="wang"))
    with pytest.raises(Conflict):
        agent.note(case.id, "mine", actor="li.na")
    assert "mine" not in [event.data.get("text") for event in agent.history(case.id)]


def test_a_reply_racing_a_withdrawal_is_refused_not_sent(tmp_path: Path) -> None:
    """The README's example: the customer withdraws while the agent writes; the reply,
    made again on the withdrawn case, no longer fits."""
    agent, other, _ = two_desks(tmp_path)
    case = agent.intake(make_complaint("a"))
    withdraw = lambda case_id: other.transition(case_id, "withdrawn", actor="customer")  # noqa: E731
    meanwhile(agent, 1, withdraw)
    with pytest.raises(CaseEnded):
        agent.respond(case.id, "我们已收到您的投诉", actor="li.na")
    kinds = [event.kind for event in agent.history(case.id)]
    assert "responded" not in kinds
    assert agent.storage.get(case.id).status is Status.WITHDRAWN
