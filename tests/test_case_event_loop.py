"""A plugin that changes the case for each event it is told of (a note per event) is told
of its own change, and changes the case again: the loop ran until Python's recursion limit,
storing some three hundred notes on the case and logging a RecursionError traceback per
level it unwound. Changes made from ``case_event`` are told to plugins only so deep."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from complaintkit.builtin.lifecycle import MAX_NESTED_CHANGES
from complaintkit.desk import Desk
from complaintkit.hookspecs import hookimpl
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins, plugin_manager

COMPLAINT = {
    "channel": "web",
    "external_id": "k-1",
    "received_at": "2026-11-23T09:00:00+08:00",
    "customer": {"id": "c-1"},
    "text": "the parcel is late",
}


class Echo:
    """Notes every event it is told of, its own notes' too."""

    @hookimpl
    def case_event(self, event: CaseEvent, case: Case, context: Any) -> None:
        context.desk.note(case.id, f"saw {event.kind}", actor="echo")


class OnceOnOpening:
    """Notes the opening only: a change made from case_event that is no loop."""

    @hookimpl
    def case_event(self, event: CaseEvent, case: Case, context: Any) -> None:
        if event.kind == "opened":
            context.desk.note(case.id, "welcome", actor="greeter")


def desk_with(plugin: object, name: str) -> Desk:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(plugin, name=name)
    return Desk(storage="memory:", plugins=Plugins(pm))


def test_a_plugin_answering_its_own_changes_stops_and_is_named(
    caplog: pytest.LogCaptureFixture,
) -> None:
    desk = desk_with(Echo(), "echo")
    quiet = desk_with(object(), "none")
    caplog.set_level(logging.WARNING)
    case = desk.intake(COMPLAINT)
    opening = len(quiet.history(quiet.intake(COMPLAINT).id))
    notes = [e for e in desk.history(case.id) if e.kind == "noted"]
    assert 0 < len(notes) <= opening * MAX_NESTED_CHANGES
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    warned = " ".join(r.getMessage() for r in caplog.records)
    assert "'echo'" in warned
    assert "case_event" in warned
    assert case.id in warned


def test_a_change_made_from_case_event_once_is_told_as_usual() -> None:
    heard: list[str] = []

    class Listener:
        @hookimpl
        def case_event(self, event: CaseEvent) -> None:
            heard.append(event.kind)

    pm = plugin_manager(load_entrypoints=False)
    pm.register(OnceOnOpening(), name="greeter")
    pm.register(Listener(), name="listener")
    desk = Desk(storage="memory:", plugins=Plugins(pm))
    case = desk.intake(COMPLAINT)
    assert [e.data.get("text") for e in desk.history(case.id) if e.kind == "noted"] == ["welcome"]
    assert heard.count("noted") == 1
