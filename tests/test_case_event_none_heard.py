"""A change whose events none of the registered plugins acts on (with only complaintkit's
own plugins, most changes: notes, a tick's clock events, and openings under a policy with no
batch rules for the batch watcher to count) reaches none of them, nor pluggy's hook-call
monitors; a plugin registered after such changes hears the next one, and a wrapper every
one."""

from __future__ import annotations

import logging
from collections.abc import Generator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pluggy import HookImpl, PluginManager

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.hookspecs import hookimpl
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.policy.compiled import load_policy
from complaintkit.reports.policy import IncidentPolicy
from incident_policy import incident_policy

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)
COMPLAINT = {
    "channel": "web",
    "external_id": "A",
    "received_at": NOW.isoformat(),
    "customer": {"id": "c-1"},
    "text": "the parcel is late",
}


def monitored(pm: PluginManager) -> list[str]:
    """The kinds of the events pluggy is asked to tell through ``case_event``."""
    calls: list[str] = []

    def before(name: str, impls: Sequence[HookImpl], kwargs: Mapping[str, Any]) -> None:
        if name == "case_event":
            calls.append(kwargs["event"].kind)

    pm.add_hookcall_monitoring(before, lambda *a: None)
    return calls


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


def written(folder: Path, text: str) -> Path:
    path = folder / "policy.yaml"
    path.write_text(text, "utf-8")
    return path


def test_an_opening_is_told_to_the_batch_watcher_when_the_policy_has_batch_rules(
    tmp_path: Path,
) -> None:
    pm = plugin_manager(load_entrypoints=False)
    calls = monitored(pm)
    rule = "{key: product, min_cases: 3, window_hours: 48}"
    policy = load_policy(written(tmp_path, incident_policy(rule)))
    desk = Desk(policy, storage="memory:", clock=ManualClock(NOW), plugins=Plugins(pm))
    desk.intake_many([COMPLAINT, {**COMPLAINT, "external_id": "B"}])
    assert calls == ["opened", "opened"]


def test_an_opening_under_no_batch_rules_reaches_no_plugin(tmp_path: Path) -> None:
    pm = plugin_manager(load_entrypoints=False)
    calls = monitored(pm)
    spikes_only = incident_policy().replace("  batches:\n", "  spikes: [{dimension: product}]\n")
    for policy in (None, load_policy(written(tmp_path, spikes_only))):
        desk = Desk(policy, storage="memory:", clock=ManualClock(NOW), plugins=Plugins(pm))
        desk.intake(COMPLAINT)
        desk.intake_many([{**COMPLAINT, "external_id": "B"}])
    assert calls == []
    listener = Listener()
    pm.register(listener)
    desk.intake({**COMPLAINT, "external_id": "C"})
    assert listener.heard[0] == "opened"
    assert calls[0] == "opened"


def test_a_change_none_acts_on_is_told_once_a_plugin_would_hear_it() -> None:
    pm = plugin_manager(load_entrypoints=False)
    calls = monitored(pm)
    desk = Desk(storage="memory:", clock=ManualClock(NOW), plugins=Plugins(pm))
    case = desk.intake(COMPLAINT)
    desk.note(case.id, "called the courier", actor="li.na")
    assert calls == []  # complaintkit's own plugins act on neither (no batch rules)
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


class UnreadableIncidents:
    """The empty policy, but its ``incidents`` section raises when read (an application's
    own policy object)."""

    def __init__(self) -> None:
        self.policy = EmptyPolicy()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.policy, name)

    @property
    def incidents(self) -> IncidentPolicy | None:
        raise RuntimeError("incidents unreadable")


def test_an_opening_under_unreadable_incidents_is_told_and_its_failure_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    pm = plugin_manager(load_entrypoints=False)
    calls = monitored(pm)
    desk = Desk(
        UnreadableIncidents(), storage="memory:", clock=ManualClock(NOW), plugins=Plugins(pm)
    )
    with caplog.at_level(logging.ERROR, logger="complaintkit.builtin.lifecycle"):
        case = desk.intake(COMPLAINT)
    assert calls == ["opened"]
    assert desk.get(case.id).version == case.version
    assert "incidents unreadable" in caplog.text
