"""A re-base extends the new target as the new version extends it upon the signals the
clock heard in time (docs/sla.md, policy versions). An extension that lengthened nothing
(``sla_not_extended``: ``to: 10 business days`` on a 15-day target) was not kept on the
clock, so the new version's extension upon that signal was never applied: moved onto
5 business days extended to 10 upon the same holding reply, the clock fell due after 5,
where a clock that had been granted its extension, or run on the new version from the
start, fell due after 10."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sla_helpers import SlaTestPolicy, complaint

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.sla.explain import explain_deadlines
from complaintkit.sla.policy import compile_sections

UK = {"timezone": "Europe/London", "hours": {"mon-fri": ["09:00-17:00"]}}
RECEIVED = datetime(2026, 3, 2, 10, tzinfo=UTC)  # Monday
REPLIED = datetime(2026, 3, 4, 10, tzinfo=UTC)
MOVED = datetime(2026, 3, 5, 10, tzinfo=UTC)


def _policy(within: str, to: str, version: str, mode: str | None = None) -> SlaTestPolicy:
    target = {"within": within, "extend": [{"upon": "holding_reply", "to": to}]}
    sla: dict[str, Any] = {"calendar": "uk", "warnings": [], "targets": [{"resolution": target}]}
    if mode is not None:
        sla["migrate"] = {"mode": mode, "from": ["1"]}
    return SlaTestPolicy(compile_sections({"calendars": {"uk": UK}, "sla": sla}), version)


def _moved_due(old_to: str, mode: str) -> datetime | None:
    """The deadline after a holding reply under a 15-day version extending to ``old_to``,
    and a move onto 5 days extended to 10 upon the same reply."""
    clock = ManualClock(RECEIVED)
    desk = Desk(_policy("15 business days", old_to, "1"), storage="memory:", clock=clock)
    case_id = desk.intake(complaint(at=RECEIVED)).id
    clock.set(REPLIED)
    desk.record_event(case_id, "holding_reply", actor="jo")
    clock.set(MOVED)
    new = _policy("5 business days", "10 business days", "2", mode)
    moved = Desk(new, storage=desk.storage, clock=clock)
    moved.record_event(case_id, "note", actor="jo")
    return moved.get(case_id).clocks.metrics["resolution"].due_at


@pytest.mark.parametrize("mode", ["rebase", "rebase_keep_elapsed"])
def test_a_re_base_extends_upon_a_signal_whose_extension_changed_nothing(mode: str) -> None:
    granted = _moved_due("20 business days", mode)
    assert _moved_due("10 business days", mode) == granted


def test_kept_time_falls_due_as_on_the_new_version_from_the_start() -> None:
    clock = ManualClock(RECEIVED)
    desk = Desk(_policy("5 business days", "10 business days", "2"), storage="memory:", clock=clock)
    case_id = desk.intake(complaint(at=RECEIVED)).id
    clock.set(REPLIED)
    desk.record_event(case_id, "holding_reply", actor="jo")
    expected = desk.get(case_id).clocks.metrics["resolution"].due_at
    assert expected == datetime(2026, 3, 16, 17, tzinfo=UTC)
    assert _moved_due("10 business days", "rebase_keep_elapsed") == expected


def test_an_extension_that_changed_nothing_is_heard_once_and_not_explained() -> None:
    clock = ManualClock(RECEIVED)
    desk = Desk(
        _policy("15 business days", "10 business days", "1"), storage="memory:", clock=clock
    )
    case_id = desk.intake(complaint(at=RECEIVED)).id
    clock.set(REPLIED)
    desk.record_event(case_id, "holding_reply", actor="jo")
    desk.record_event(case_id, "holding_reply", actor="jo")
    kinds = [e.kind for e in desk.history(case_id)]
    assert kinds.count("sla_not_extended") == 1
    assert "sla_extended" not in kinds
    state = desk.get(case_id).clocks.metrics["resolution"]
    assert state.granted == ()
    assert desk.sla is not None
    explained = explain_deadlines(desk.get(case_id), desk.sla, REPLIED)
    assert explained["metrics"][0]["extended"] == []
    assert explained["metrics"][0]["budget"].startswith("15 working days")
