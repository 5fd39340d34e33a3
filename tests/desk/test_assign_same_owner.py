"""Assigning a case to the owner (and team) it already has is no change, so it records
nothing: it added an ``assigned`` event, which told every ``on_event`` hook and webhook the
case had changed hands, and a history read as two hand-overs to one person. A new team for
the same owner is a change, and is recorded."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy

SHOP = Path(__file__).resolve().parents[2] / "policies" / "ecommerce" / "online-shop.yaml"
NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


@pytest.fixture(
    name="desk", params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def desk_fixture(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Desk]:
    if request.param == "postgres":
        url = str(request.getfixturevalue("postgres_url"))
    else:
        url = "memory:" if request.param == "memory" else f"sqlite:///{tmp_path / 'c.db'}"
    desk = Desk(load_policy(SHOP), storage=url, clock=ManualClock(NOW))
    yield desk
    desk.storage.close()


def _opened(desk: Desk) -> str:
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "同一负责人",
            "received_at": NOW.isoformat(),
            "customer": {"id": "c-1"},
            "text": "客服态度很差,电话一直没人接",
        }
    )
    assert case.owner is not None
    return case.id


@pytest.mark.parametrize("same_team", [False, True], ids=["no-team", "its-team"])
def test_assigning_a_case_to_its_owner_records_nothing(desk: Desk, same_team: bool) -> None:
    case_id = _opened(desk)
    before = desk.get(case_id)
    history = desk.history(case_id)
    assert isinstance(desk.clock, ManualClock)
    desk.clock.advance(timedelta(minutes=5))
    team = before.team if same_team else None
    answered = desk.assign(case_id, str(before.owner), team=team, actor="许客服", reason="再确认")
    assert (answered.owner, answered.team, answered.version) == (
        before.owner,
        before.team,
        before.version,
    )
    assert desk.history(case_id) == history
    assert desk.get(case_id).version == before.version


def test_the_same_owner_in_another_team_is_a_change(desk: Desk) -> None:
    case_id = _opened(desk)
    before = desk.get(case_id)
    other = "support" if before.team != "support" else "logistics"
    owner = "zhou.zhuguan"  # a member of both teams that list members
    desk.assign(case_id, owner, team=before.team, actor="wang.wei")
    moved = desk.assign(case_id, owner, team=other, actor="wang.wei")
    assert (moved.owner, moved.team) == (owner, other)
    kinds = [event.kind for event in desk.history(case_id)]
    assert kinds[-2:] == ["assigned", "assigned"]
