"""A change whose events none of the registered plugins acts on (with only complaintkit's
own plugins, most changes: notes, a tick's clock events) reaches none of them, nor pluggy's
hook-call monitors; a plugin registered after such changes hears the next one, and a
wrapper every one."""

from __future__ import annotations

from collections.abc import Generator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from pluggy import HookImpl

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.hookspecs import hookimpl
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins, plugin_manager

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


class Listener:
    def __init__(self) -> None:
        self.heard: list[str] = []

    @hookimpl
    def case_event(self, event: CaseEvent, case: Case) -> None:
        self.heard.append(event.kind)


class Wrapper:
    def __init__(self) -> None:
        self.around: list[str] = []

    @hookimpl(wrapper=True)
    def case_event(self, event: CaseEvent) -> Generator[None, None, None]:
        self.around.append(event.kind)
        yield


def test_a_change_none_acts_on_is_told_once_a_plugin_would_hear_it() -> None:
    pm = plugin_manager(load_entrypoints=False)
    calls: list[str] = []  # case_event calls pluggy made

    def before(name: str, impls: Sequence[HookImpl], kwargs: Mapping[str, Any]) -> None:
        if name == "case_event":
            calls.append(kwargs["event"].kind)

    pm.add_hookcall_monitoring(before, lambda *a: None)
    desk = Desk(storage="memory:", clock=ManualClock(NOW), plugins=Plugins(pm))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "A",
            "received_at": NOW.isoformat(),
            "customer": {"id": "c-1"},
            "text": "the parcel is late",
        }
    )
    assert calls == ["opened"]  # the batch watcher hears the opening
    desk.note(case.id, "called the courier", actor="li.na")
    assert calls == ["opened"]  # a note: complaintkit's own plugins act on none
    listener, wrapper = Listener(), Wrapper()
    pm.register(listener)
    desk.note(case.id, "courier calls back", actor="li.na")
    pm.unregister(listener)
    pm.register(wrapper)
    desk.note(case.id, "parcel found", actor="li.na")
    pm.unregister(wrapper)
    desk.note(case.id, "parcel sent", actor="li.na")
    assert listener.heard == ["noted"]
    assert wrapper.around == ["noted"]
