"""What ``case_event`` is handed is the plugin's to read: a plugin changing the case (or
its complaints' attributes, or the event's data) changed the very case the Desk returned
to its caller, and what later events and plugins of the same change were told."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.hookspecs import hookimpl
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins, plugin_manager

ATTRIBUTES = {"skus": ["FRZ-1"], "order": {"lines": 2}}


def complaint(key: str) -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": key,
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "c-1"},
        "text": "the parcel is late",
        "attributes": ATTRIBUTES,
    }


class Vandal:
    """Records what it is handed, then changes all of it."""

    def __init__(self) -> None:
        self.seen: list[tuple[str | None, dict[str, Any], dict[str, Any]]] = []

    @hookimpl
    def case_event(self, event: CaseEvent, case: Case) -> None:
        self.seen.append((case.owner, dict(case.attributes), dict(event.data)))
        case.owner = "mallory"
        case.tags = ("tampered",)
        case.attributes["tampered"] = True
        case.compensation.append({"tampered": True})
        case.complaint.attributes["skus"].append("STOLEN")
        event.data["tampered"] = True


@pytest.fixture(params=["memory", "sqlite"])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Desk, Vandal]:
    vandal = Vandal()
    pm = plugin_manager(load_entrypoints=False)
    pm.register(vandal, name="vandal")
    storage = "memory:" if request.param == "memory" else f"sqlite:///{tmp_path / 'c.db'}"
    clock = ManualClock(datetime(2026, 11, 23, 1, tzinfo=UTC))
    return Desk(storage=storage, plugins=Plugins(pm), clock=clock), vandal


def untouched(case: Case) -> bool:
    return (
        case.owner != "mallory"
        and case.tags == ()
        and "tampered" not in case.attributes
        and case.compensation == []
        and case.complaint.attributes == ATTRIBUTES
    )


def test_the_case_intake_returns_is_not_the_plugins_to_change(
    desk: tuple[Desk, Vandal],
) -> None:
    the_desk, _ = desk
    case = the_desk.intake(complaint("k-1"))
    assert untouched(case)
    assert case == the_desk.get(case.id)


def test_the_cases_a_batch_returns_are_not_the_plugins_to_change(
    desk: tuple[Desk, Vandal],
) -> None:
    the_desk, _ = desk
    (taken,) = the_desk.intake_many([complaint("k-2")])
    assert not isinstance(taken, Exception)
    assert untouched(taken.case)
    assert taken.case == the_desk.get(taken.case.id)


def test_the_case_a_change_returns_is_not_the_plugins_to_change(
    desk: tuple[Desk, Vandal],
) -> None:
    the_desk, _ = desk
    case = the_desk.intake(complaint("k-3"))
    changed = the_desk.respond(case.id, "on its way", actor="li.na")
    assert untouched(changed)
    assert changed == the_desk.get(case.id)


def test_each_event_is_told_what_was_stored_not_what_a_plugin_changed(
    desk: tuple[Desk, Vandal],
) -> None:
    the_desk, vandal = desk
    case = the_desk.intake(complaint("k-4"))
    the_desk.respond(case.id, "on its way", actor="li.na")
    stored = [event.data for event in the_desk.history(case.id)]
    assert len(vandal.seen) == len(stored) > 2
    assert [data for _, _, data in vandal.seen] == stored
    assert all(owner != "mallory" and "tampered" not in attrs for owner, attrs, _ in vandal.seen)


class Reader:
    """Told after the vandal: records what it is handed."""

    def __init__(self) -> None:
        self.seen: list[tuple[str | None, dict[str, Any], dict[str, Any]]] = []

    @hookimpl(trylast=True)
    def case_event(self, event: CaseEvent, case: Case) -> None:
        self.seen.append((case.owner, dict(case.attributes), dict(event.data)))


def test_hook_case_event_each_plugin_gets_its_own_copy(tmp_path: Path) -> None:
    vandal, reader = Vandal(), Reader()
    pm = plugin_manager(load_entrypoints=False)
    pm.register(vandal, name="vandal")
    pm.register(reader, name="reader")
    clock = ManualClock(datetime(2026, 11, 23, 1, tzinfo=UTC))
    the_desk = Desk(storage=f"sqlite:///{tmp_path / 'c.db'}", plugins=Plugins(pm), clock=clock)
    case = the_desk.intake(complaint("k-5"))
    the_desk.respond(case.id, "on its way", actor="li.na")
    assert reader.seen == vandal.seen  # told after it, of the same events, as stored
    assert all(owner != "mallory" and "tampered" not in data for owner, _, data in reader.seen)


class Failing:
    @hookimpl(tryfirst=True)
    def case_event(self, event: CaseEvent) -> None:
        raise RuntimeError("acme is down")


def test_hook_case_event_a_failing_plugin_keeps_none_after_it_from_being_told(
    caplog: pytest.LogCaptureFixture,
) -> None:
    reader = Reader()
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Failing(), name="failing")
    pm.register(reader, name="reader")
    the_desk = Desk(storage="memory:", plugins=Plugins(pm))
    case = the_desk.intake(complaint("k-6"))
    assert len(reader.seen) == len(the_desk.history(case.id))
    assert "plugin 'failing' (case_event) failed" in caplog.text
