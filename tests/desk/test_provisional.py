"""Provisional work — ``explain``, policy tests, ``check`` — tells no one."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pluggy
import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.demo.script import demo_policy_path
from complaintkit.desk.provisional import provisional_case
from complaintkit.hookspecs import hookimpl
from complaintkit.model.case import Case
from complaintkit.model.complaint import Complaint
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.policytest.properties import check

POLICIES = Path(__file__).parents[2] / "policies"
COMPLAINT = {
    "channel": "chat",
    "external_id": "E1",
    "received_at": "2026-11-23T10:30:00+08:00",
    "customer": {"id": "C9", "contact": "c9@example.cn"},
    "text": "Parcel never arrived and the carrier does not answer",
}


class Recorder:
    def __init__(self) -> None:
        self.events: list[str] = []

    @hookimpl
    def case_event(self, event: CaseEvent, case: Case) -> None:
        self.events.append(event.kind)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def plugins(recorder: Recorder, monkeypatch: pytest.MonkeyPatch) -> Plugins:
    """The recorder as if installed: every ``Plugins()`` built without a manager has it."""

    def installed(*, load_entrypoints: bool = True) -> pluggy.PluginManager:
        pm = plugin_manager(load_entrypoints=False)
        pm.register(recorder, name="recorder")
        return pm

    monkeypatch.setattr("complaintkit.plugins.plugin_manager", installed)
    return Plugins()


def invoke(plugins: Plugins, *args: str) -> Any:
    return CliRunner().invoke(build_cli(plugins), list(args))


def test_explain_with_a_recording_plugin_makes_no_lifecycle_calls(
    plugins: Plugins, recorder: Recorder, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    complaint = tmp_path / "c.json"
    complaint.write_text(json.dumps(COMPLAINT), encoding="utf-8")
    with caplog.at_level(logging.DEBUG, logger="complaintkit.notify"):
        result = invoke(plugins, "explain", str(demo_policy_path()), str(complaint))
    assert result.exit_code == 0, result.output
    assert recorder.events == []
    assert not [r for r in caplog.records if r.name.startswith("complaintkit.notify")]


def test_provisional_case_is_worked_but_announced_to_no_one(
    plugins: Plugins, recorder: Recorder
) -> None:
    policy = load_policy(demo_policy_path(), plugins)
    case = provisional_case(policy, Complaint.from_json(COMPLAINT), plugins)
    assert case.owner == "ops.kim"
    assert case.clocks.metrics
    assert recorder.events == []


def test_policy_tests_make_no_lifecycle_calls(plugins: Plugins, recorder: Recorder) -> None:
    result = invoke(plugins, "test", str(POLICIES / "retail" / "supermarket.tests.yaml"))
    assert result.exit_code == 0, result.output
    assert recorder.events == []


def test_check_makes_no_lifecycle_calls(plugins: Plugins, recorder: Recorder) -> None:
    policy = load_policy(demo_policy_path(), plugins)
    check(policy, examples=3, plugins=plugins, only=("owner", "deadlines"))
    assert recorder.events == []
