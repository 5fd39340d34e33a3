"""A plugin calling ``sys.exit`` is a plugin bug, not the end of the run: at every seam it
fails as any other exception the plugin raises there does (a dead letter, a failed
delivery attempt, a logged ``case_event``, a ``PluginError``), naming the plugin, and the
rest goes on. ``KeyboardInterrupt`` still stops everything."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

import pytest
from click.testing import CliRunner

from complaintkit.channels import take_in
from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.compensation.formulas import Bounded
from complaintkit.delivery import DeliveryWorker, Outgoing
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput, PluginError
from complaintkit.hookspecs import hookimpl
from complaintkit.model.complaint import Complaint
from complaintkit.model.events import CaseEvent
from complaintkit.notify.base import Message
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.operators import guarded_test
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
MESSAGE = Message(to="sam@example.com", subject="s", body="b", case_id="CK-1")


def plugins_with(plugin: object, name: str = "acme") -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(plugin, name=name)
    return Plugins(pm)


def _exits(*args: object, **kwargs: object) -> NoReturn:
    sys.exit(0)


def _registering(hook: str, name: str, value: object) -> object:
    class Acme:
        pass

    def provide(self: object, register: Any) -> None:
        register(name, value)

    provide.__name__ = hook
    setattr(Acme, hook, hookimpl(provide))
    return Acme()


def _intake(plugins: Plugins, db: str, *arguments: str) -> Any:
    return CliRunner().invoke(build_cli(plugins), ["--db", db, "intake", *arguments])


# --- intake: a channel, a classifier --------------------------------------------------------


class ExitingChannel:
    def read(self, source: str) -> Any:
        yield make_complaint("a")
        yield make_complaint("b")
        sys.exit(0)


def test_a_channel_calling_sys_exit_is_a_dead_letter_naming_its_plugin(tmp_path: Path) -> None:
    """It ended ``complaintkit intake`` with exit code 0, as if all went well."""
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = _intake(
        plugins_with(_registering("register_channels", "acme", ExitingChannel)),
        db,
        "--channel",
        "acme",
        "src",
    )
    assert result.exit_code == 3, result.output
    desk = Desk(storage=db)
    assert desk.storage.find_by_key("web", "a") is not None
    assert desk.storage.find_by_key("web", "b") is not None
    (letter,) = desk.storage.dead_letters()
    assert letter.source == "acme:after record 2"
    assert "plugin 'acme'" in letter.reason
    assert "sys.exit(0)" in letter.reason


class ExitingClassifier:
    @hookimpl
    def classify_complaint(self, complaint: Complaint) -> None:
        if complaint.external_id == "b":
            sys.exit(0)


def test_a_classifier_calling_sys_exit_dead_letters_that_complaint_only(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    source = tmp_path / "in.jsonl"
    lines = [json.dumps(make_complaint(key).to_json()) for key in "abc"]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _intake(plugins_with(ExitingClassifier()), db, str(source))
    assert result.exit_code == 3, result.output
    desk = Desk(storage=db)
    assert desk.storage.find_by_key("web", "a") is not None
    assert desk.storage.find_by_key("web", "b") is None
    assert desk.storage.find_by_key("web", "c") is not None
    (letter,) = desk.storage.dead_letters()
    assert letter.source.startswith("complaint:web:b")
    assert "acme" in letter.reason
    assert "sys.exit(0)" in letter.reason


class ExitingListener:
    @hookimpl
    def case_event(self, event: CaseEvent) -> None:
        sys.exit(0)


def test_a_case_event_calling_sys_exit_is_logged_and_the_change_stands(
    caplog: pytest.LogCaptureFixture,
) -> None:
    desk = Desk(storage="memory:", plugins=plugins_with(ExitingListener()))
    with caplog.at_level(logging.ERROR, logger="complaintkit.builtin.lifecycle"):
        desk.intake(make_complaint("a"))
        desk.intake(make_complaint("b"))
    assert desk.storage.find_by_key("web", "a") is not None
    assert desk.storage.find_by_key("web", "b") is not None
    messages = [r.getMessage() for r in caplog.records]
    assert any("plugin 'acme' (case_event) failed" in m for m in messages)


# --- a channel's other failures name the plugin behind it -------------------------------------


class YieldingADict:
    def read(self, source: str) -> Any:
        yield {"external_id": "a"}
        yield make_complaint("b")


class RaisingLater:
    def read(self, source: str) -> Any:
        yield make_complaint("a")
        raise ValueError("lost the broker")


@pytest.mark.parametrize(
    ("factory", "source"),
    [(YieldingADict, "acme:record 1"), (RaisingLater, "acme:after record 1")],
)
def test_a_channels_dead_letter_names_the_plugin_behind_it(
    factory: object, source: str, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = _intake(
        plugins_with(_registering("register_channels", "acme", factory), "acme-crm"),
        db,
        "--channel",
        "acme",
        "src",
    )
    assert result.exit_code == 3, result.output
    (letter,) = Desk(storage=db).storage.dead_letters()
    assert letter.source == source
    assert "channel 'acme' of plugin 'acme-crm'" in letter.reason


def test_a_channel_calling_sys_exit_on_retry_refuses_that_letter_only(tmp_path: Path) -> None:
    """``dead-letters retry --all`` ended with exit code 0 at the first such letter."""
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    good = json.dumps(make_complaint("g").to_json()).encode()
    with SQLiteStorage(db) as storage:
        storage.dead_letter("acme:x.txt", b"raw", "it was bad", T0)
        storage.dead_letter("jsonl:in.jsonl:2", good, "policy bug", T0)
    plugins = plugins_with(_registering("register_channels", "acme", ExitingChannel))
    result = CliRunner().invoke(build_cli(plugins), ["--db", db, "dead-letters", "retry", "--all"])
    assert result.exit_code == 3, result.output
    assert "sys.exit(0)" in result.stdout
    assert result.stdout.splitlines()[-1] == "1 taken, 1 refused, 0 skipped"


def test_a_keyboard_interrupt_in_a_channel_still_stops_intake() -> None:
    def interrupted() -> Any:
        yield make_complaint("a")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        take_in(Desk(storage="memory:"), "acme", interrupted())


# --- delivery -------------------------------------------------------------------------------


class ExitingNotifier:
    def send(self, message: Message) -> None:
        sys.exit(0)

    def publish_many(self, items: list[tuple[object, str]]) -> list[None]:
        sys.exit(0)


class Sending:
    def send(self, message: Message) -> None:
        pass


def test_a_notifier_calling_sys_exit_fails_that_attempt_and_the_pass_goes_on() -> None:
    """Under ``serve`` it silently ended the delivery thread."""
    storage = MemoryStorage()
    storage.enqueue([Outgoing.message("bad", MESSAGE, T0), Outgoing.message("hook", MESSAGE, T0)])
    worker = DeliveryWorker(storage, {"bad": ExitingNotifier(), "hook": Sending()}, ManualClock(T0))
    report = worker.run_once()
    assert (report.delivered, report.retrying) == (1, 1)
    failed = next(d for d in storage.deliveries() if d.outgoing.via == "bad")
    assert failed.state == "pending"
    assert "sys.exit(0)" in failed.last_error


def test_a_publish_many_calling_sys_exit_fails_that_run() -> None:
    desk = Desk(storage="memory:")
    desk.intake(make_complaint("a"))
    (case,) = desk.find()
    events = list(desk.storage.events(case.id))
    storage = MemoryStorage()
    storage.enqueue([Outgoing.event("bad", event, T0) for event in events])
    report = DeliveryWorker(storage, {"bad": ExitingNotifier()}, ManualClock(T0)).run_once()
    assert report.retrying == len(events)
    assert all("sys.exit(0)" in d.last_error for d in storage.deliveries())


def test_a_keyboard_interrupt_in_a_send_still_stops_the_worker() -> None:
    class Interrupted:
        def send(self, message: Message) -> None:
            raise KeyboardInterrupt

    storage = MemoryStorage()
    storage.enqueue([Outgoing.message("hook", MESSAGE, T0)])
    with pytest.raises(KeyboardInterrupt):
        DeliveryWorker(storage, {"hook": Interrupted()}, ManualClock(T0)).run_once()


# --- factories, provider hooks, operators, formulas --------------------------------------------


def test_a_notifier_factory_calling_sys_exit_is_a_plugin_error_naming_it() -> None:
    plugins = plugins_with(_registering("register_notifiers", "pager", _exits))
    with pytest.raises(PluginError, match="plugin 'acme'") as error:
        plugins.notifier("pager", {}, None)
    assert "sys.exit(0)" in str(error.value)


class ExitingProvider:
    @hookimpl
    def register_notifiers(self, register: Any) -> None:
        sys.exit(0)


def test_a_provider_hook_calling_sys_exit_is_a_plugin_error_naming_it() -> None:
    with pytest.raises(PluginError, match="plugin 'acme' failed in register_notifiers"):
        plugins_with(ExitingProvider()).notifiers  # noqa: B018


def test_an_operator_test_calling_sys_exit_is_a_plugin_error_naming_it() -> None:
    test = guarded_test(_exits, "starts_with", "acme", "customer.tier")
    with pytest.raises(PluginError, match="operator 'starts_with' from plugin 'acme'"):
        test("gold")


def test_a_formula_calling_sys_exit_fails_that_decision_naming_it() -> None:
    class Exiting:
        constant = None

        def evaluate(self, context: object) -> NoReturn:
            sys.exit(0)

        def describe(self) -> str:
            return "exiting"

    formula = Bounded(Exiting(), source="formula 'exiting' of plugin 'acme'")
    with pytest.raises(InvalidInput, match="plugin 'acme'"):
        formula._answer({})  # type: ignore[arg-type]
