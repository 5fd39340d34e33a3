"""Changes made at one instant (the same microsecond, of different kinds): the stored
history keeps them in the order they were made, and replaying it — rebuilding the case
from its events, and re-running it under the policy in force — gives the stored case
exactly, on every backend."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.replay.histories import rebuilt, stored_histories
from complaintkit.reports.scope import Scope

ROOT = Path(__file__).resolve().parents[2]
RECEIVED = datetime(2026, 9, 29, 10, 0, 0, 123456, tzinfo=ZoneInfo("Asia/Shanghai"))
SUPERMARKET = ROOT / "policies" / "retail" / "supermarket.yaml"

#: Two or more changes, all made at the same instant on a case the Desk opened.
Moves = Callable[[Desk, str], None]


def _respond_then_pause(desk: Desk, case_id: str) -> None:
    desk.respond(case_id, "请提供小票照片", actor="li.na")
    desk.transition(case_id, "waiting_on_customer", actor="li.na", reason="等待小票")


def _pause_then_resume_then_respond(desk: Desk, case_id: str) -> None:
    desk.transition(case_id, "investigating", actor="li.na")
    desk.transition(case_id, "waiting_on_third_party", actor="li.na", reason="供应商")
    desk.transition(case_id, "investigating", actor="li.na")
    desk.respond(case_id, "已联系供应商", actor="li.na")


def _resolve_then_reopen(desk: Desk, case_id: str) -> None:
    desk.respond(case_id, "已退款", actor="li.na")
    desk.resolve(case_id, "退款", actor="li.na")
    desk.reopen(case_id, actor="customer", reason="款未到账")


def _reopen_then_resolve(desk: Desk, case_id: str) -> None:
    desk.respond(case_id, "已退款", actor="li.na")
    desk.resolve(case_id, "退款", actor="li.na")
    desk.follow_up(case_id, 4, actor="li.na")
    desk.close(case_id, actor="li.na")
    desk.clock.advance(timedelta(days=2))  # type: ignore[attr-defined]
    desk.reopen(case_id, actor="customer", reason="款未到账")
    desk.resolve(case_id, "已补发退款", actor="li.na")


def _sweep_then_assign(desk: Desk, case_id: str) -> None:
    desk.clock.advance(timedelta(days=1))  # type: ignore[attr-defined]
    desk.tick()  # the first response is overdue: "unanswered" fires at this instant
    desk.assign(case_id, owner="zhang.wei", actor="manager")
    desk.respond(case_id, "抱歉久等", actor="zhang.wei")
    desk.transition(case_id, "waiting_on_customer", actor="zhang.wei")


MOVES = [
    _respond_then_pause,
    _pause_then_resume_then_respond,
    _resolve_then_reopen,
    _reopen_then_resolve,
    _sweep_then_assign,
]


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "memory":
        yield "memory:"
    elif request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/c.db"
    else:
        yield str(request.getfixturevalue("postgres_url"))


@pytest.mark.parametrize("moves", MOVES, ids=lambda moves: moves.__name__.strip("_"))
def test_changes_at_one_instant_replay_to_the_stored_case(url: str, moves: Moves) -> None:
    clock = ManualClock(RECEIVED)
    desk = Desk(load_policy(SUPERMARKET), storage=url, clock=clock)
    case_id = desk.intake(
        {
            "channel": "web",
            "external_id": "S-1",
            "customer": {"id": "A"},
            "text": "The staff at the checkout were rude to me",
            "received_at": RECEIVED.isoformat(),
        }
    ).id
    clock.advance(timedelta(hours=3))
    moves(desk, case_id)
    clock.advance(timedelta(hours=1))
    desk.tick()
    stored = desk.get(case_id)
    history = desk.history(case_id)
    made = [(e.kind, e.data.get("to")) for e in history if e.actor != "system"]
    (streamed,) = stored_histories(desk.storage, Scope())
    assert streamed == history  # in the order it was made, one query or case by case
    assert [(e.kind, e.data.get("to")) for e in streamed if e.actor != "system"] == made
    assert rebuilt(streamed).to_json() == stored.to_json()
    result = replay_store(desk.storage, desk.policy, Plugins())
    assert [(c.case_id, c.changes) for c in result.comparison.listed] == []
    detail = replay_store(desk.storage, desk.policy, Plugins(), case_id=case_id).detail
    assert detail is not None
    rerun = [(e.kind, e.at, e.data.get("to")) for e in detail.candidate_events]
    assert rerun == [(e.kind, e.at, e.data.get("to")) for e in history]
    desk.storage.close()
