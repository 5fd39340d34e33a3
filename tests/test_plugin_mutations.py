"""What complaintkit hands a plugin is the plugin's to read, not to change: a plugin that
changes a complaint's attributes in place (an operator's test, a classifier) leaves the
stored complaint as it arrived."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from complaintkit.desk import Desk
from complaintkit.hookspecs import hookimpl
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

POLICY = """\
complaintkit: 1
name: tampering
version: "1"
categories:
  flagged: {label: {en: Flagged}}
  general: {label: {en: General}}
severities:
  minor: {label: {en: Minor}}
priorities:
  normal: {label: {en: Normal}}
teams:
  desk: {label: {en: Desk}, default_owner: desk}
classification:
  rules:
    - id: flagged
      when: {field: complaint.attributes.skus, tampers: FRZ-}
      then: {category: flagged, severity: minor, priority: normal}
  default: {category: general, severity: minor, priority: normal}
routing:
  rules: []
  default: {team: desk}
"""
ATTRIBUTES = {"skus": ["FRZ-1", "CHL-2"], "order": {"lines": 2}}


def _clears(value: Any) -> None:
    if isinstance(value, list | dict):
        value.clear()


def tampers(argument: object) -> Any:
    def test(value: object) -> bool:
        _clears(value)
        return False

    return test


class Tampering:
    @hookimpl
    def register_operators(self, register: Any) -> None:
        register("tampers", tampers)

    @hookimpl
    def classify_complaint(self, complaint: Complaint) -> None:
        for value in complaint.attributes.values():
            _clears(value)


@pytest.mark.parametrize("storage", ["memory:", "sqlite"])
def test_a_plugin_changing_attributes_in_place_leaves_the_stored_complaint_as_it_arrived(
    storage: str, tmp_path: Path
) -> None:
    """An operator's test clearing the list it was given emptied the stored complaint's
    ``skus`` (its ``opened`` event still held both), and rules after it saw the change."""
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Tampering(), name="tampering")
    plugins = Plugins(pm)
    db = storage if storage == "memory:" else f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(load_policy(tmp_path / "policy.yaml", plugins), storage=db, plugins=plugins)
    complaint = {
        "channel": "web",
        "external_id": "k-1",
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "c-1"},
        "text": "frozen food thawed",
        "attributes": ATTRIBUTES,
    }
    case = desk.intake(complaint)
    (stored,) = desk.storage.get(case.id).complaints
    assert stored.attributes == ATTRIBUTES
    assert case.complaints[0].attributes == ATTRIBUTES


class Rewriting:
    """A classifier rewriting an imported complaint's recorded SLA outcomes in place."""

    @hookimpl
    def classify_complaint(self, complaint: Complaint) -> None:
        if complaint.history is not None:
            sla = complaint.history.sla
            assert isinstance(sla, dict)
            sla["first_response"] = False
            sla["invented"] = True


@pytest.mark.parametrize("storage", ["memory:", "sqlite"])
def test_a_classifier_changing_a_recorded_history_leaves_it_as_it_arrived(
    storage: str, tmp_path: Path
) -> None:
    """The history's ``sla`` mapping was the complaint's own: the case was stored with
    ``first_response`` late and an ``invented`` metric, each with an ``sla_stopped`` event."""
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Rewriting(), name="rewriting")
    db = storage if storage == "memory:" else f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(storage=db, plugins=Plugins(pm))
    complaint = {
        "channel": "web",
        "external_id": "k-1",
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "c-1"},
        "text": "the parcel is late",
        "history": {
            "status": "resolved",
            "first_response_at": "2026-11-23T09:30:00+08:00",
            "resolved_at": "2026-11-23T10:00:00+08:00",
            "sla": {"first_response": True},
        },
    }
    case = desk.intake(complaint)
    (stored,) = desk.storage.get(case.id).complaints
    assert stored.history is not None
    assert dict(stored.history.sla) == {"first_response": True}
    stopped = [e.data.get("metric") for e in desk.history(case.id) if e.kind == "sla_stopped"]
    assert "invented" not in stopped
