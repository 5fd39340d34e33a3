"""A plugin raising a ``BaseException`` that is not an ``Exception`` — asyncio's
``CancelledError`` out of an ``asyncio.run`` inside a synchronous hook, a library's own
``BaseException`` — fails at its seam as ``sys.exit`` there does: a dead letter, a failed
attempt, a logged ``case_event``, a ``PluginError``, naming the plugin; the rest goes on.
It escaped every seam: a traceback for the CLI user, intake stopped part way."""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.compensation.formulas import Bounded
from complaintkit.delivery import DeliveryWorker, Outgoing
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput, PluginError, PolicyError
from complaintkit.hookspecs import hookimpl
from complaintkit.model.complaint import Complaint
from complaintkit.model.events import CaseEvent
from complaintkit.notify.base import Message
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.conditions import compile_condition
from complaintkit.policy.operators import OperatorRegistry, guarded_test
from complaintkit.storage.memory import MemoryStorage
from complaintkit.testing.storage_contract import make_complaint

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
MESSAGE = Message(to="sam@example.com", subject="s", body="b", case_id="CK-1")


class Aborted(BaseException):
    """A library's own ``BaseException``, as gevent's ``Timeout`` is."""


ESCAPES = [asyncio.CancelledError("task cancelled"), Aborted("gave up")]


def _raising(error: BaseException) -> Any:
    def raising(*args: object, **kwargs: object) -> NoReturn:
        raise error

    return raising


def plugins_with(plugin: object, name: str = "acme") -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(plugin, name=name)
    return Plugins(pm)


def _channel_plugin(error: BaseException) -> object:
    class Channel:
        def read(self, source: str) -> Any:
            yield make_complaint("a")
            raise error

    class Acme:
        @hookimpl
        def register_channels(self, register: Any) -> None:
            register("acme", Channel)

    return Acme()


@pytest.mark.parametrize("error", ESCAPES, ids=type)
def test_hook_channel_read_raising_a_base_exception_is_a_dead_letter(
    error: BaseException, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    plugins = plugins_with(_channel_plugin(error))
    result = CliRunner().invoke(
        build_cli(plugins), ["--db", db, "intake", "--channel", "acme", "src"]
    )
    assert result.exit_code == 3, result.output
    desk = Desk(storage=db)
    assert desk.storage.find_by_key("web", "a") is not None
    (letter,) = desk.storage.dead_letters()
    assert letter.source == "acme:after record 1"
    assert "plugin 'acme'" in letter.reason
    assert type(error).__name__ in letter.reason


@pytest.mark.parametrize("error", ESCAPES, ids=type)
def test_hook_classify_complaint_raising_a_base_exception_refuses_that_complaint(
    error: BaseException, tmp_path: Path
) -> None:
    class Classifier:
        @hookimpl
        def classify_complaint(self, complaint: Complaint) -> None:
            if complaint.external_id == "b":
                raise error

    db = f"sqlite:///{tmp_path / 'cases.db'}"
    source = tmp_path / "in.jsonl"
    lines = [json.dumps(make_complaint(key).to_json()) for key in "abc"]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        build_cli(plugins_with(Classifier())), ["--db", db, "intake", str(source)]
    )
    assert result.exit_code == 3, result.output
    desk = Desk(storage=db)
    assert [desk.storage.find_by_key("web", k) is not None for k in "abc"] == [1, 0, 1]
    (letter,) = desk.storage.dead_letters()
    assert "acme" in letter.reason
    assert type(error).__name__ in letter.reason


@pytest.mark.parametrize("error", ESCAPES, ids=type)
def test_hook_case_event_raising_a_base_exception_is_logged_and_the_change_stands(
    error: BaseException, caplog: pytest.LogCaptureFixture
) -> None:
    class Listener:
        @hookimpl
        def case_event(self, event: CaseEvent) -> None:
            raise error

    desk = Desk(storage="memory:", plugins=plugins_with(Listener()))
    with caplog.at_level(logging.ERROR, logger="complaintkit.builtin.lifecycle"):
        desk.intake(make_complaint("a"))
        desk.intake(make_complaint("b"))
    assert desk.storage.find_by_key("web", "b") is not None
    messages = [r.getMessage() for r in caplog.records]
    assert any("plugin 'acme' (case_event) failed" in m for m in messages)


@pytest.mark.parametrize("error", ESCAPES, ids=type)
def test_a_send_raising_a_base_exception_fails_that_attempt_and_the_pass_goes_on(
    error: BaseException,
) -> None:
    class Failing:
        send = staticmethod(_raising(error))

    class Sending:
        def send(self, message: Message) -> None:
            pass

    storage = MemoryStorage()
    storage.enqueue([Outgoing.message("bad", MESSAGE, T0), Outgoing.message("hook", MESSAGE, T0)])
    worker = DeliveryWorker(storage, {"bad": Failing(), "hook": Sending()}, ManualClock(T0))
    report = worker.run_once()
    assert (report.delivered, report.retrying) == (1, 1)
    failed = next(d for d in storage.deliveries() if d.outgoing.via == "bad")
    assert type(error).__name__ in failed.last_error


@pytest.mark.parametrize("error", ESCAPES, ids=type)
def test_a_provider_hook_raising_a_base_exception_is_a_plugin_error(error: BaseException) -> None:
    class Provider:
        @hookimpl
        def register_notifiers(self, register: Any) -> None:
            raise error

    with pytest.raises(PluginError, match="plugin 'acme' failed in register_notifiers"):
        plugins_with(Provider()).notifiers  # noqa: B018


@pytest.mark.parametrize("error", ESCAPES, ids=type)
def test_an_operator_test_raising_a_base_exception_is_a_plugin_error(
    error: BaseException,
) -> None:
    test = guarded_test(_raising(error), "starts_with", "acme", "customer.tier")
    with pytest.raises(PluginError, match="operator 'starts_with' from plugin 'acme'"):
        test("gold")


@pytest.mark.parametrize("error", ESCAPES, ids=type)
def test_a_formula_raising_a_base_exception_fails_that_decision(error: BaseException) -> None:
    class Raising:
        constant = None
        evaluate = staticmethod(_raising(error))

        def describe(self) -> str:
            return "raising"

    formula = Bounded(Raising(), source="formula 'raising' of plugin 'acme'")
    with pytest.raises(InvalidInput, match="plugin 'acme'"):
        formula._answer({})  # type: ignore[arg-type]


@pytest.mark.parametrize("error", [SystemExit(0), *ESCAPES], ids=type)
def test_an_operator_factory_raising_a_base_exception_is_a_policy_error_naming_it(
    error: BaseException,
) -> None:
    """``sys.exit(0)`` in a factory ended ``complaintkit validate`` with exit code 0, the
    policy half checked."""
    registry = OperatorRegistry()
    registry.register("odd", _raising(error), expects="anything", provider="acme")
    with pytest.raises(PolicyError, match="plugin 'acme'"):
        compile_condition({"field": "customer.tier", "odd": "vip"}, registry=registry)
