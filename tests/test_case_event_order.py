"""Plugins hear a case's events in the order they were stored. A change a plugin makes from
``case_event`` (a note on the opening) was told at once, between the events of the change
being told: a listener heard seq 1, then the note's seq 4, then seq 2 and 3 — a publisher
keeping the last seq it sent, or a mirror applying events in turn, took 2 and 3 as stale.
It is told once the events before it are."""

from __future__ import annotations

from typing import Any

from complaintkit.desk import Desk
from complaintkit.hookspecs import hookimpl
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins, plugin_manager

COMPLAINT = {
    "channel": "web",
    "external_id": "o-1",
    "received_at": "2026-11-23T09:00:00+08:00",
    "customer": {"id": "c-1"},
    "text": "the parcel is late",
}


class Greeter:
    """Notes the opening, and each note of its own once more (two generations deep)."""

    @hookimpl
    def case_event(self, event: CaseEvent, case: Case, context: Any) -> None:
        if event.kind == "opened" or event.data.get("text") == "welcome":
            text = "welcome" if event.kind == "opened" else "welcome again"
            context.desk.note(case.id, text, actor="greeter")


class Listener:
    def __init__(self) -> None:
        self.heard: list[int] = []

    @hookimpl
    def case_event(self, event: CaseEvent) -> None:
        self.heard.append(event.seq)


def test_a_change_made_from_case_event_is_told_after_the_events_before_it() -> None:
    listener = Listener()
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Greeter(), name="greeter")
    pm.register(listener, name="listener")
    desk = Desk(storage="memory:", plugins=Plugins(pm))
    case = desk.intake(COMPLAINT)
    stored = [event.seq for event in desk.history(case.id)]
    texts = [e.data.get("text") for e in desk.history(case.id) if e.kind == "noted"]
    assert texts == ["welcome", "welcome again"]
    assert listener.heard == stored
