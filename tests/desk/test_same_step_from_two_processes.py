"""The same lifecycle step sent by two processes at once (two agents pressing "resolve",
a retry racing its original on another server): one makes the move, the other is refused
as a move the case, as it now is, does not allow; the history holds the move once."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.testing.storage_contract import make_complaint

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)
FORK = multiprocessing.get_context("fork")

STEPS: dict[str, Callable[[Desk, str], Any]] = {
    "resolve": lambda desk, case_id: desk.resolve(case_id, "换货", actor="li.na"),
    "withdraw": lambda desk, case_id: desk.transition(
        case_id, "withdrawn", actor="li.na", reason="客户撤回"
    ),
    "reopen": lambda desk, case_id: desk.reopen(case_id, actor="li.na", reason="问题复发"),
}


def _worker(url: str, step: str, case_id: str, start: Any, answers: Any) -> None:
    desk = Desk(storage=url, clock=ManualClock(NOW))
    try:
        start.wait()
        STEPS[step](desk, case_id)
        answers.put("done")
    except Exception as exc:  # the answer the process's caller would get
        answers.put(type(exc).__name__)
    finally:
        desk.storage.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'cases.db'}"


def _case_ready_for(desk: Desk, step: str) -> str:
    case_id = desk.intake(make_complaint(step)).id
    desk.respond(case_id, "已收到", actor="li.na")
    if step == "reopen":
        desk.resolve(case_id, "换货", actor="li.na")
        desk.close(case_id, actor="li.na", reason="回访满意")
    return case_id


@pytest.mark.parametrize("step", sorted(STEPS))
def test_one_process_makes_the_move_the_other_is_refused(url: str, step: str) -> None:
    desk = Desk(storage=url, clock=ManualClock(NOW))
    case_id = _case_ready_for(desk, step)
    before = len(desk.history(case_id))
    start, answers = FORK.Barrier(2), FORK.Queue()
    workers = [
        FORK.Process(target=_worker, args=(url, step, case_id, start, answers)) for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert sorted(answers.get(timeout=5) for _ in workers) == ["IllegalTransition", "done"]
    moves = [e for e in desk.history(case_id)[before:] if e.kind == "transitioned"]
    assert len(moves) == 1
    desk.storage.close()
