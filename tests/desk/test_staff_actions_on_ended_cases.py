"""Staff actions on a case that ended (closed, rejected, withdrawn): work on it is refused,
records about it are kept. An owner given to an ended case would be named for work there
is none of — and a closed case is reopened first, with a reason, so the history says why
work started again. A note, a root cause, a fact or an incident flag is the record of what
was learnt; it is taken whatever the case's status (docs/closing-the-loop.md)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import FollowUpLocked, InvalidInput, StepOutOfTurn
from complaintkit.model.case import RootCause
from complaintkit.model.lifecycle import Status
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


@pytest.fixture(
    name="desk", params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def desk_fixture(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Desk]:
    if request.param == "postgres":
        url = str(request.getfixturevalue("postgres_url"))
    else:
        url = "memory:" if request.param == "memory" else f"sqlite:///{tmp_path / 'c.db'}"
    desk = Desk(storage=url, clock=ManualClock(NOW))
    yield desk
    desk.storage.close()


def ended(desk: Desk, status: Status) -> str:
    """A case moved to ``status`` by the shortest legal path."""
    case_id = desk.intake(make_complaint(f"ended-{status.value}")).id
    if status is Status.CLOSED:
        desk.respond(case_id, "已收到", actor="li.na")
        desk.resolve(case_id, "换货", actor="li.na")
        desk.close(case_id, actor="li.na", reason="回访满意")
    else:
        desk.transition(case_id, status, actor="li.na", reason="客户撤回")
    return case_id


@pytest.mark.parametrize("status", [Status.CLOSED, Status.REJECTED, Status.WITHDRAWN])
def test_assigning_an_ended_case_is_refused_naming_the_case_and_its_status(
    desk: Desk, status: Status
) -> None:
    case_id = ended(desk, status)
    before = desk.history(case_id)
    with pytest.raises(StepOutOfTurn) as refused:
        desk.assign(case_id, "qa.zhou", actor="wang.wei")
    assert refused.value.field == "status"
    assert case_id in refused.value.message
    assert status.value in refused.value.message
    assert desk.history(case_id) == before
    assert desk.get(case_id).owner == desk.storage.get(case_id).owner != "qa.zhou"


def test_a_closed_case_is_assigned_again_once_reopened(desk: Desk) -> None:
    case_id = ended(desk, Status.CLOSED)
    with pytest.raises(StepOutOfTurn, match="reopen it"):
        desk.assign(case_id, "qa.zhou", actor="wang.wei")
    desk.reopen(case_id, actor="wang.wei", reason="同一问题再次出现")
    assert desk.assign(case_id, "qa.zhou", actor="wang.wei").owner == "qa.zhou"


@pytest.mark.parametrize("status", [Status.RESOLVED, Status.FOLLOW_UP])
def test_a_solved_case_awaiting_its_follow_up_may_change_hands(desk: Desk, status: Status) -> None:
    case_id = desk.intake(make_complaint("solved")).id
    desk.respond(case_id, "已收到", actor="li.na")
    desk.resolve(case_id, "换货", actor="li.na")
    if status is Status.FOLLOW_UP:
        desk.follow_up(case_id, 4, actor="li.na")
    assert desk.assign(case_id, "qa.zhou", actor="wang.wei").owner == "qa.zhou"


@pytest.mark.parametrize("status", [Status.CLOSED, Status.REJECTED, Status.WITHDRAWN])
def test_records_about_an_ended_case_are_kept(desk: Desk, status: Status) -> None:
    case_id = ended(desk, status)
    desk.note(case_id, "供应商批次 B-17", actor="wang.wei")
    desk.record_root_cause(
        case_id,
        RootCause(fishbone="partner", whys=("冷链断了",), nature="systemic"),
        actor="wang.wei",
    )
    desk.set_facts(case_id, {"fault": "merchant"}, actor="wang.wei")
    kinds = [event.kind for event in desk.history(case_id)[-3:]]
    assert kinds == ["noted", "root_cause", "facts_set"]
    assert desk.get(case_id).status is status


def test_the_command_line_refuses_it_with_exit_1(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    desk = Desk(storage=url, clock=ManualClock(NOW))
    case_id = ended(desk, Status.WITHDRAWN)
    desk.storage.close()
    args = ["--db", url, "cases", "assign", case_id, "qa.zhou", "--actor", "wang.wei", "--json"]
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert f"case {case_id} is withdrawn" in result.output


def test_python_callers_still_catch_invalid_input(desk: Desk) -> None:
    case_id = ended(desk, Status.REJECTED)
    with pytest.raises(InvalidInput):
        desk.assign(case_id, "qa.zhou", actor="wang.wei")


@pytest.mark.parametrize("status", [Status.REJECTED, Status.WITHDRAWN])
def test_a_follow_up_on_a_case_ended_for_good_does_not_say_to_resolve_it(
    desk: Desk, status: Status
) -> None:
    """No move resolves a rejected or withdrawn case: the refusal says there is nothing to
    follow up, not "follow up after it is resolved"."""
    case_id = ended(desk, status)
    with pytest.raises(FollowUpLocked) as refused:
        desk.follow_up(case_id, 3, actor="wang.wei")
    message = str(refused.value)
    assert f"case {case_id}" in message
    assert status.value in message
    assert "after it is resolved" not in message
    assert "for good" in message
