"""A hook call that takes long is logged as a warning naming the plugin and the hook.

complaintkit cannot stop a hook (pluggy has no timeouts, a thread cannot be killed), and a
``classify_complaint`` waiting on a service held intake with no word of whose it was. The
clock that times the calls is handed in (``SlowHooks.timer``), and each slow plugin here
moves it, so no test sleeps."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.desk import Desk, Taken
from complaintkit.errors import ConfigError, InvalidInput
from complaintkit.hookspecs import hookimpl
from complaintkit.model.events import CaseEvent
from complaintkit.plugin_slow import SLOW_HOOK_SECONDS, SLOW_HOOK_VARIABLE, SlowHooks
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

LOGGER = "complaintkit.plugin_slow"


class Ticking:
    """A monotonic clock that moves only when a plugin says it took time."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Taking:
    """A plugin whose every hook takes ``seconds`` by ``clock`` and changes nothing."""

    def __init__(self, clock: Ticking, seconds: float, raising: bool = False) -> None:
        self.clock, self.seconds, self.raising = clock, seconds, raising

    def _take(self) -> None:
        self.clock.now += self.seconds
        if self.raising:
            raise TimeoutError("the model server did not answer")

    @hookimpl
    def classify_complaint(self, proposed: dict[str, Any]) -> None:
        self._take()

    @hookimpl
    def case_event(self, event: CaseEvent) -> None:
        self._take()

    @hookimpl
    def register_policy_packs(self, register: Any) -> None:
        self._take()
        register(f"pack-{id(self)}", "/nowhere")


def _plugins(taking: dict[str, Taking], clock: Ticking, seconds: float = 1.0) -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    for name, plugin in taking.items():
        pm.register(plugin, name=name)
    return Plugins(pm, slow_hooks=SlowHooks(seconds, clock))


def _slow_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER]


def _take_in(plugins: Plugins, key: str = "s-1") -> Taken:
    (outcome,) = Desk(storage="memory:", plugins=plugins).intake_many([make_complaint(key)])
    assert isinstance(outcome, Taken), outcome
    return outcome


def test_hook_classify_complaint_slow_is_logged_naming_the_plugin(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Ticking()
    plugins = _plugins({"acme-model": Taking(clock, 2.5)}, clock)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        _take_in(plugins)
    warnings = [m for m in _slow_warnings(caplog) if "classify_complaint" in m]
    assert len(warnings) == 1
    assert "plugin 'acme-model' took 2.5 s in classify_complaint" in warnings[0]
    assert SLOW_HOOK_VARIABLE in warnings[0]


class Kept(logging.Handler):
    """The records logged to it (caplog is a fixture of the whole test, not of an example)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@settings(max_examples=30, deadline=None)
@given(
    taking=st.lists(st.sampled_from([0.0, 0.4, 0.99, 1.0, 3.0, 600.0]), min_size=1, max_size=3),
    hook=st.sampled_from(["classify_complaint", "case_event"]),
)
def test_exactly_the_plugins_taking_the_threshold_or_more_are_named(
    taking: list[float], hook: str
) -> None:
    """Asked one plugin at a time, each plugin's call is timed alone: the quick ones are
    never named, whatever the slow ones beside them took."""
    clock = Ticking()
    plugins = _plugins({f"p{i}": Taking(clock, s) for i, s in enumerate(taking)}, clock)
    handler = Kept()
    logger = logging.getLogger(LOGGER)
    logger.addHandler(handler)
    try:
        _take_in(plugins)
    finally:
        logger.removeHandler(handler)
    named = {
        name
        for record in handler.records
        if f" in {hook}," in record.getMessage()
        for name in (f"p{i}" for i in range(len(taking)))
        if f"plugin {name!r} took" in record.getMessage()
    }
    assert named == {f"p{i}" for i, s in enumerate(taking) if s >= 1.0}


def test_the_warning_docs_plugins_md_quotes_is_the_one_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Ticking()
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        _take_in(_plugins({"acme-model": Taking(clock, 2.5)}, clock))
    (logged,) = [m for m in _slow_warnings(caplog) if "classify_complaint" in m]
    docs = (Path(__file__).parents[1] / "docs" / "plugins.md").read_text(encoding="utf-8")
    assert logged in re.sub(r"\n\s+", " ", docs)


def test_hook_case_event_slow_is_logged_and_the_change_stands(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Ticking()
    plugins = _plugins({"acme-crm": Taking(clock, 30), "acme-quick": Taking(clock, 0)}, clock)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        outcome = _take_in(plugins)
    warnings = [m for m in _slow_warnings(caplog) if "case_event" in m]
    assert warnings
    assert all(m.startswith("plugin 'acme-crm' took 30 s in case_event") for m in warnings)
    assert outcome.created


def test_hook_classify_complaint_slow_and_raising_is_refused_and_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Ticking()
    plugins = _plugins({"acme-model": Taking(clock, 40, raising=True)}, clock)
    desk = Desk(storage="memory:", plugins=plugins)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        (outcome,) = desk.intake_many([make_complaint("s-1")])
    assert isinstance(outcome, InvalidInput)
    assert "'acme-model'" in str(outcome)
    assert any(
        "plugin 'acme-model' took 40 s in classify_complaint" in m for m in _slow_warnings(caplog)
    )


def test_hook_register_policy_packs_slow_is_logged_naming_the_plugin(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Ticking()
    plugins = _plugins({"acme-packs": Taking(clock, 5)}, clock)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        assert "acme-packs" in {item.plugin for item in plugins.policy_packs.values()}
    (warning,) = _slow_warnings(caplog)
    assert warning.startswith("plugin 'acme-packs' took 5 s in register_policy_packs")


def test_quick_hooks_are_not_logged(caplog: pytest.LogCaptureFixture) -> None:
    clock = Ticking()
    plugins = _plugins({"acme": Taking(clock, 0.5)}, clock)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        _take_in(plugins)
        _ = plugins.policy_packs
    assert _slow_warnings(caplog) == []


def test_the_real_clock_times_every_call_at_a_threshold_of_zero(
    caplog: pytest.LogCaptureFixture,
) -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Taking(Ticking(), 0), name="acme")
    plugins = Plugins(pm, slow_hooks=SlowHooks(0))
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        _take_in(plugins)
    assert any(
        "plugin 'acme' took" in m and "classify_complaint" in m for m in _slow_warnings(caplog)
    )


def test_the_threshold_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SLOW_HOOK_VARIABLE, " 2.5 ")
    assert Plugins(plugin_manager(load_entrypoints=False)).slow_hooks.seconds == 2.5
    monkeypatch.delenv(SLOW_HOOK_VARIABLE)
    assert Plugins(plugin_manager(load_entrypoints=False)).slow_hooks.seconds == SLOW_HOOK_SECONDS


@pytest.mark.parametrize("value", ["soon", "-1", "nan", "inf", "1e400", "2s"])
def test_a_threshold_that_is_no_number_of_seconds_says_what_to_write(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SLOW_HOOK_VARIABLE, value)
    with pytest.raises(ConfigError) as refused:
        Plugins(plugin_manager(load_entrypoints=False))
    assert f"{SLOW_HOOK_VARIABLE}={value!r}" in str(refused.value)
    assert f"{SLOW_HOOK_VARIABLE}=2.5" in str(refused.value)
