"""The follow-up visit (回访) is recorded once per resolution, never after closing; a
hand-over names a team the policy declares."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import FollowUpLocked, InvalidInput, StepsMissing
from complaintkit.model.case import Case, Satisfaction
from complaintkit.model.history import replay
from complaintkit.model.lifecycle import Status
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.storage_contract import make_complaint

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"


def _resolved(desk: Desk, key: str = "a") -> Case:
    case = desk.intake(make_complaint(key))
    desk.transition(case.id, "investigating", actor="li.na")
    return desk.resolve(case.id, "全额退款", actor="li.na")


def test_a_second_follow_up_is_refused_and_the_first_kept(memory_desk: Desk) -> None:
    case = _resolved(memory_desk)
    memory_desk.follow_up_refused(case.id, "不愿评价", actor="li.na")
    with pytest.raises(FollowUpLocked, match="already recorded"):
        memory_desk.follow_up(case.id, 5, actor="li.na")
    with pytest.raises(FollowUpLocked, match="already recorded"):
        memory_desk.follow_up_refused(case.id, actor="li.na")
    stored = memory_desk.get(case.id)
    assert stored.satisfaction is not None
    assert stored.satisfaction.refused
    kinds = [e.kind for e in memory_desk.history(case.id)]
    assert kinds.count("satisfaction") == 1


def test_no_follow_up_after_closing(memory_desk: Desk) -> None:
    case = _resolved(memory_desk)
    memory_desk.follow_up(case.id, 2, actor="li.na")
    memory_desk.close(case.id, actor="li.na")
    with pytest.raises(FollowUpLocked, match="closed"):
        memory_desk.follow_up(case.id, 5, actor="li.na")
    unvisited = _resolved(memory_desk, "b")
    memory_desk.close(unvisited.id, actor="li.na")
    with pytest.raises(FollowUpLocked, match="closed"):
        memory_desk.follow_up(unvisited.id, 5, actor="li.na")
    assert memory_desk.get(unvisited.id).satisfaction is None


def test_a_new_resolution_gets_its_own_follow_up(memory_desk: Desk) -> None:
    case = _resolved(memory_desk)
    memory_desk.follow_up(case.id, 2, actor="li.na")
    memory_desk.reopen(case.id, actor="li.na", reason="又坏了")
    memory_desk.resolve(case.id, "换货", actor="li.na")
    again = memory_desk.follow_up(case.id, 5, actor="li.na")
    assert again.status is Status.FOLLOW_UP
    assert again.satisfaction is not None
    assert again.satisfaction.score == 5


def test_assign_refuses_a_team_the_policy_does_not_declare(manual_clock: ManualClock) -> None:
    desk = Desk(load_policy(RETAIL), storage="memory:", clock=manual_clock)
    case = desk.intake(make_complaint("a"))
    with pytest.raises(InvalidInput, match="nonexistent-team") as refused:
        desk.assign(case.id, "qa.zhou", team="nonexistent-team", actor="li.na")
    assert refused.value.field == "team"
    assert desk.get(case.id).version == case.version
    assert desk.assign(case.id, "qa.zhou", team="quality", actor="li.na").team == "quality"


def test_assign_takes_any_team_when_the_policy_declares_none() -> None:
    desk = Desk(storage="memory:", clock=ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC)))
    case = desk.intake(make_complaint("a"))
    assert desk.assign(case.id, "qa.zhou", team="anyone", actor="li.na").team == "anyone"


def test_a_reopened_case_needs_a_new_follow_up_before_it_closes(
    tmp_path: Path, manual_clock: ManualClock
) -> None:
    """The visit was about the resolution reopening undid: it neither passes the closing
    gate for the next resolution nor blocks that resolution's own visit."""
    desk = Desk(load_policy(RETAIL), storage=f"sqlite:///{tmp_path / 'c.db'}", clock=manual_clock)
    case = _resolved(desk)
    desk.follow_up(case.id, 4, "满意", actor="li.na")
    desk.close(case.id, actor="li.na")
    desk.reopen(case.id, actor="li.na", reason="又坏了")
    desk.resolve(case.id, "换货", actor="li.na")
    with pytest.raises(StepsMissing) as refused:
        desk.close(case.id, actor="li.na")
    assert [step for _, step, _ in refused.value.missing] == ["satisfaction"]
    desk.transition(case.id, "follow_up", actor="li.na")
    visited = desk.follow_up(case.id, 2, "还是不太满意", actor="li.na")
    assert visited.satisfaction == Satisfaction(2, "还是不太满意")
    assert desk.close(case.id, actor="li.na").status is Status.CLOSED
    scores = [e.data["score"] for e in desk.history(case.id) if e.kind == "satisfaction"]
    assert scores == [4, 2]  # the first visit stays in the history
    assert replay(desk.history(case.id)).to_json() == desk.get(case.id).to_json()
