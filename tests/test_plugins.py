import inspect
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pluggy
import pytest

from complaintkit import hookspecs
from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError, PluginError, PolicyError
from complaintkit.hookspecs import hookimpl
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import DEFAULT_PLUGINS, Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage


class SecondSqlite:
    @hookimpl
    def register_storage(self, register: Any) -> None:
        register("sqlite", MemoryStorage)


class Broken:
    @hookimpl
    def register_storage(self, register: Any) -> None:
        raise RuntimeError("boom")


def test_builtins_register_memory_and_sqlite() -> None:
    plugins = Plugins(plugin_manager(load_entrypoints=False))
    assert plugins.storage_backends.get_value("sqlite") is SQLiteStorage
    assert plugins.storage_backends["memory"].plugin == "complaintkit.builtin.storage"


def test_duplicate_storage_scheme_names_both_plugins() -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(SecondSqlite(), name="acme-sqlite")
    with pytest.raises(
        PluginError, match="'acme-sqlite' and 'complaintkit.builtin.storage'"
    ) as error:
        Plugins(pm).storage_backends  # noqa: B018 -- the property does the registration
    assert error.value.plugins == ("acme-sqlite", "complaintkit.builtin.storage")


def test_failing_plugin_is_named() -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Broken(), name="broken-plugin")
    with pytest.raises(
        PluginError, match="plugin 'broken-plugin' failed in register_storage: RuntimeError: boom"
    ):
        Plugins(pm).open_storage("memory:")


def test_unknown_storage_scheme_lists_known_ones() -> None:
    plugins = Plugins(plugin_manager(load_entrypoints=False))
    with pytest.raises(
        ConfigError, match="no storage backend named 'mongodb'; available: memory, sqlite"
    ):
        plugins.open_storage("mongodb://localhost/x")


def test_blocked_builtin_is_not_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPLAINTKIT_DISABLE_PLUGINS", "complaintkit.builtin.storage")
    plugins = Plugins(plugin_manager(load_entrypoints=False))
    assert "sqlite" not in plugins.storage_backends


def test_describe_lists_builtins_and_what_they_provide() -> None:
    described = {p["name"]: p for p in Plugins(plugin_manager(load_entrypoints=False)).describe()}
    assert set(DEFAULT_PLUGINS) <= set(described)
    assert "storage backend sqlite" in described["complaintkit.builtin.storage"]["provides"]


def hookspec_functions() -> list[Any]:
    return [
        f
        for name, f in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(f, "complaintkit_spec")
    ]


def test_every_hook_is_documented_with_when_and_return() -> None:
    specs = hookspec_functions()
    assert len(specs) >= 8
    for spec in specs:
        doc = inspect.getdoc(spec) or ""
        assert "Called" in doc, f"{spec.__name__} must say when it is called"
        assert "Return" in doc, f"{spec.__name__} must say what to return"


def test_every_hook_is_documented_in_docs() -> None:
    text = (Path(__file__).parents[1] / "docs" / "plugins.md").read_text(encoding="utf-8")
    for spec in hookspec_functions():
        assert f"{spec.__name__}(" in text, f"docs/plugins.md does not document {spec.__name__}"


# --- every hook goes through pluggy -------------------------------------------------------


class OnlyEvent:
    """``case_event`` taking only ``event``: pluggy prunes the other arguments."""

    def __init__(self) -> None:
        self.kinds: list[str] = []

    @hookimpl
    def case_event(self, event: CaseEvent) -> None:
        self.kinds.append(event.kind)


def _desk(pm: pluggy.PluginManager, policy: Any = None) -> Desk:
    return Desk(
        policy,
        storage="memory:",
        clock=ManualClock(datetime(2026, 11, 23, 1, tzinfo=UTC)),
        plugins=Plugins(pm),
    )


def _complaint(key: str = "a", **extra: Any) -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": key,
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "c-1", "name": "王芳", **extra},
        "text": "快递三天没到",
    }


def test_hook_case_event_implementation_taking_only_event_receives_every_event() -> None:
    pm = plugin_manager(load_entrypoints=False)
    plugin = OnlyEvent()
    pm.register(plugin)
    desk = _desk(pm)
    case = desk.intake(_complaint())
    desk.respond(case.id, "收到", actor="li.na")
    desk.resolve(case.id, "退款", actor="li.na")
    assert plugin.kinds == [e.kind for e in desk.history(case.id)]
    assert len(plugin.kinds) >= 5


def test_hook_case_event_tryfirst_and_trylast_order_as_pluggy_documents() -> None:
    calls: list[str] = []

    def plugin(name: str, *, tryfirst: bool = False, trylast: bool = False) -> object:
        class Plugin:
            @hookimpl(tryfirst=tryfirst, trylast=trylast)
            def case_event(self, event: CaseEvent) -> None:
                if event.kind == "opened":
                    calls.append(name)

        return Plugin()

    pm = plugin_manager(load_entrypoints=False)
    pm.register(plugin("last", trylast=True))
    pm.register(plugin("plain-1"))
    pm.register(plugin("first", tryfirst=True))
    pm.register(plugin("plain-2"))
    _desk(pm).intake(_complaint())
    # pluggy: tryfirst first, trylast last, otherwise the later registered runs earlier
    assert calls == ["first", "plain-2", "plain-1", "last"]


def test_hook_case_event_failing_plugin_is_logged_and_the_change_stands(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class Failing:
        @hookimpl
        def case_event(self, event: CaseEvent) -> None:
            raise RuntimeError("plugin bug")

    pm = plugin_manager(load_entrypoints=False)
    pm.register(Failing(), name="failing")
    desk = _desk(pm)
    with caplog.at_level(logging.ERROR, logger="complaintkit.builtin.lifecycle"):
        case = desk.intake(_complaint())
    assert desk.get(case.id).version == case.version
    assert "failed handling the opened event" in caplog.text
    assert "plugin bug" in caplog.text


def test_hook_tracing_shows_every_hook_call(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COMPLAINTKIT_TRACE_PLUGINS", "1")
    pm = plugin_manager(load_entrypoints=False)
    pm.register(OnlyEvent())  # a plugin hearing the opening: case_event is called
    plugins = Plugins(pm)
    build_cli(plugins)  # register_commands
    for registry in ("channels", "notifiers", "operators", "formulas", "policy_packs"):
        getattr(plugins, registry)
    desk = Desk(storage="memory:", plugins=plugins)  # register_storage
    desk.intake(_complaint())  # classify_complaint, case_event
    traced = capsys.readouterr().err
    for spec in hookspec_functions():
        assert f"{spec.__name__} [hook]" in traced, f"{spec.__name__} was not traced"


def test_hook_register_commands_listed_by_describe() -> None:
    described = {p["name"]: p for p in Plugins(plugin_manager(load_entrypoints=False)).describe()}
    provides = described["complaintkit.builtin.commands"]["provides"]
    assert {"command explain", "command intake", "command plugins"} <= set(provides)


def test_describe_lists_every_default_plugin_with_what_it_provides() -> None:
    described = {p["name"]: p for p in Plugins(plugin_manager(load_entrypoints=False)).describe()}
    assert "condition operator ==" in described["complaintkit.builtin.operators"]["provides"]
    assert "compensation formula percent" in described["complaintkit.builtin.formulas"]["provides"]
    assert described["complaintkit.desk.batches"]["hooks"] == ["case_event"]


# --- a plugin operator in every section ---------------------------------------------------


class StartsWith:
    @hookimpl
    def register_operators(self, register: Any) -> None:
        def factory(prefix: object) -> Callable[[object], bool]:
            if not isinstance(prefix, str):
                raise TypeError("starts_with needs text")
            return lambda value: str(value).startswith(prefix)

        register("starts_with", (factory, "a prefix"))


OPERATOR_POLICY = """
complaintkit: 1
name: operators
version: "1"
categories: {product: {label: Product}}
severities: {minor: {label: Minor}}
priorities: {normal: {label: Normal}}
teams: {desk: {label: Desk, default_owner: chen.jing}}
classification:
  - rules: []
    default: {category: product, severity: minor, priority: normal}
routing: {rules: [], default: {team: desk, owner: chen.jing}}
sla:
  targets:
    - when: {field: customer.tier, starts_with: "vip"}
      first_response: 2h
    - first_response: 24h
escalation:
  ladders:
    - name: vip
      levels:
        - name: vip_desk
          trigger: {condition: {field: customer.tier, starts_with: "vip"}}
          actions: [{add_tags: [vip]}]
"""


def test_hook_register_operators_plugin_operator_in_sla_target_and_escalation(
    tmp_path: Path,
) -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(StartsWith(), name="starts-with")
    plugins = Plugins(pm)
    path = tmp_path / "policy.yaml"
    path.write_text(OPERATOR_POLICY, encoding="utf-8")
    desk = _desk(pm, load_policy(path, plugins))
    vip = desk.intake(_complaint("v", tier="vip-gold"))
    plain = desk.intake(_complaint("p", tier="gold"))
    received = vip.complaint.received_at

    def due(case: Case) -> datetime:
        due = case.clocks.metrics["first_response"].due_at
        assert due is not None
        return due

    assert (due(vip) - received, due(plain) - received) == (timedelta(hours=2), timedelta(hours=24))
    assert "vip" in vip.tags
    assert vip.escalation_level == 1
    assert "vip" not in plain.tags
    assert plain.escalation_level == 0


def test_plugin_operator_is_unknown_without_the_plugin(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(OPERATOR_POLICY, encoding="utf-8")
    with pytest.raises(PolicyError, match="starts_with"):
        load_policy(path, Plugins(plugin_manager(load_entrypoints=False)))


def test_hook_case_event_failing_plugin_does_not_stop_the_batch_watcher(tmp_path: Path) -> None:
    class Failing:
        @hookimpl
        def case_event(self, event: CaseEvent) -> None:
            raise RuntimeError("plugin bug")

    path = tmp_path / "policy.yaml"
    path.write_text(
        OPERATOR_POLICY
        + "incidents:\n  batches: [{key: product, min_cases: 2, window_hours: 24}]\n",
        encoding="utf-8",
    )
    pm = plugin_manager(load_entrypoints=False)
    pm.register(StartsWith(), name="starts-with")
    pm.register(Failing(), name="failing")
    desk = _desk(pm, load_policy(path, Plugins(pm)))
    first = desk.intake({**_complaint("b1"), "product": "SKU-MILK"})
    other = {**_complaint("b2"), "customer": {"id": "c-2"}}  # a batch is two customers'
    second = desk.intake({**other, "product": "SKU-MILK"})
    assert desk.history(first.id)[-1].kind != "incident_detected"
    assert desk.history(second.id)[-1].kind == "incident_detected"


NOTIFYING_POLICY = (
    OPERATOR_POLICY
    + """
templates:
  vip_opened: {en: {subject: "VIP case {case.id}", body: "A VIP complaint arrived."}}
notifications:
  default_language: en
  notifiers: {log: {type: log}}
  contacts: {owners: {chen.jing: chen.jing@shop.example}}
  rules:
    - "on": opened
      when: {field: customer.tier, starts_with: "vip"}
      notify: [owner]
      via: log
      template: vip_opened
"""
)


def test_hook_register_operators_plugin_operator_in_a_notification_rule(tmp_path: Path) -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(StartsWith(), name="starts-with")
    path = tmp_path / "policy.yaml"
    path.write_text(NOTIFYING_POLICY, encoding="utf-8")
    desk = _desk(pm, load_policy(path, Plugins(pm)))
    desk.intake(_complaint("p", tier="gold"))
    assert desk.storage.deliveries() == []
    desk.intake(_complaint("v", tier="vip-gold"))
    (delivery,) = desk.storage.deliveries()
    assert delivery.outgoing.as_message().subject.startswith("VIP case")


# --- a plugin operator that misbehaves is named, at load time where it can be -------------


def _operator_plugin(spec: object) -> Plugins:
    class Registers:
        @hookimpl
        def register_operators(self, register: Any) -> None:
            register("starts_with", spec)

    pm = plugin_manager(load_entrypoints=False)
    pm.register(Registers(), name="acme-operators")
    return Plugins(pm)


@pytest.mark.parametrize("spec", [5, (5, "a prefix"), (lambda a: bool, 7), ("x", "y", "z")])
def test_an_operator_registered_as_no_factory_is_a_plugin_error(
    spec: object, tmp_path: Path
) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(OPERATOR_POLICY, encoding="utf-8")
    with pytest.raises(PluginError, match="acme-operators") as refused:
        load_policy(path, _operator_plugin(spec))
    assert "starts_with" in str(refused.value)


@pytest.mark.parametrize(
    ("factory", "said"),
    [
        (lambda argument: 5, "not a test"),
        (lambda argument: None, "not a test"),
        (lambda argument: 1 / 0, "ZeroDivisionError"),
    ],
)
def test_an_operator_factory_that_gives_no_test_is_refused_at_load_naming_it(
    factory: Callable[[object], object], said: str, tmp_path: Path
) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(OPERATOR_POLICY, encoding="utf-8")
    with pytest.raises(PolicyError) as refused:
        load_policy(path, _operator_plugin((factory, "a prefix")))
    message = str(refused.value)
    assert "starts_with" in message
    assert "acme-operators" in message
    assert said in message
    assert "complaintkit bug" not in message


@pytest.mark.parametrize(
    "url", ["postgresql://app:hunter2@[::1/test", "//app:hunter2@db.example/cases"]
)
def test_a_storage_url_that_cannot_be_read_is_named_without_its_password(url: str) -> None:
    with pytest.raises(ConfigError, match="is not a storage URL") as refused:
        Plugins(plugin_manager(load_entrypoints=False)).open_storage(url)
    assert "hunter2" not in str(refused.value)
