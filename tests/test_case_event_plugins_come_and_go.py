"""Who ``case_event`` tells follows the plugins registered at each change: the calls are
worked out once per set of implementations (a tick tells tens of thousands of changes), so
a plugin registered after changes were told hears the next one, and one unregistered, or a
wrapper added around the others, is right from the next change on."""

from __future__ import annotations

from collections.abc import Generator
from datetime import UTC, datetime
from typing import Any

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.hookspecs import hookimpl
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins, plugin_manager

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


def complaint(key: str) -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": key,
        "received_at": NOW.isoformat(),
        "customer": {"id": "c-1"},
        "text": "the parcel is late",
    }


class Listener:
    def __init__(self) -> None:
        self.heard: list[str] = []

    @hookimpl
    def case_event(self, event: CaseEvent, case: Case) -> None:
        self.heard.append(case.complaints[0].external_id)


class Wrapper:
    def __init__(self) -> None:
        self.around: list[str] = []

    @hookimpl(wrapper=True)
    def case_event(self, event: CaseEvent, case: Case) -> Generator[None, None, None]:
        self.around.append(case.complaints[0].external_id)
        yield


def test_plugins_registered_and_unregistered_between_changes_are_told_from_then_on() -> None:
    pm = plugin_manager(load_entrypoints=False)
    desk = Desk(storage="memory:", clock=ManualClock(NOW), plugins=Plugins(pm))
    desk.intake(complaint("A"))  # told to complaintkit's own plugins alone
    first, second, wrapper = Listener(), Listener(), Wrapper()
    pm.register(first)
    desk.intake(complaint("B"))
    pm.register(second)
    pm.register(wrapper)
    desk.intake(complaint("C"))
    pm.unregister(first)
    desk.intake(complaint("D"))
    pm.unregister(second)
    pm.unregister(wrapper)
    desk.intake(complaint("E"))
    assert set(first.heard) == {"B", "C"}
    assert set(second.heard) == {"C", "D"}
    assert set(wrapper.around) == {"C", "D"}
    held = desk.storage.find_by_key("web", "B")
    assert held is not None
    assert first.heard.count("B") == len(desk.history(held.id))  # each of its events
