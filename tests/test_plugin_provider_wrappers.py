"""A ``wrapper=True`` implementation of a provider hook (``register_notifiers``…) runs, as
pluggy documents and docs/plugins.md promises: complaintkit calls providers one plugin at a
time, to credit each registration to its plugin, and each of those calls left every other
plugin out, wrappers too — a wrapper timing, logging or guarding the providers never ran."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import click
import pytest

from complaintkit.errors import PluginError
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager


class Pager:
    def send(self, message: object) -> None:
        pass


class Acme:
    @hookimpl
    def register_notifiers(self, register: Any) -> None:
        register("pager", Pager)


class Watching:
    """Wraps every provider call, and sees what each registers."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    @hookimpl(wrapper=True)
    def register_notifiers(self, register: Any) -> Generator[None, None, None]:
        self.seen.append("before")
        result = yield
        self.seen.append("after")
        return result


def test_a_provider_hooks_wrapper_runs_around_the_providers() -> None:
    watching = Watching()
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Acme(), name="acme")
    pm.register(watching, name="watching")
    notifiers = Plugins(pm).notifiers
    assert notifiers["pager"].plugin == "acme"  # still credited to the plugin registering it
    assert notifiers["smtp"].plugin == "complaintkit.builtin.notifiers"
    assert "watching" not in {item.plugin for item in notifiers.values()}
    assert watching.seen
    assert watching.seen.count("before") == watching.seen.count("after")


class Refusing:
    @hookimpl(wrapper=True)
    def register_notifiers(self, register: Any) -> Generator[None, None, None]:
        if register is not None:  # always: a wrapper is a generator, so it yields below
            raise RuntimeError("no pagers here")
        return (yield)


def test_a_failing_wrapper_is_named() -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Acme(), name="acme")
    pm.register(Refusing(), name="refusing")
    with pytest.raises(PluginError) as refused:
        _ = Plugins(pm).notifiers
    assert refused.value.plugins == ("refusing",)
    assert "no pagers here" in str(refused.value)


class RegisteringWrapper:
    """A wrapper that also registers a notifier of its own."""

    @hookimpl(wrapper=True)
    def register_notifiers(self, register: Any) -> Generator[None, None, None]:
        register("audit-log", Pager)
        return (yield)


@pytest.mark.parametrize("providers", [["acme"], []])
def test_hook_register_notifiers_a_wrapper_registering_is_named(providers: list[str]) -> None:
    """It runs around each provider's call, with that provider's register: its name was
    credited to the provider, and twice refused as registered by two innocent plugins."""
    pm = plugin_manager(load_entrypoints=False)
    for name in providers:
        pm.register(Acme(), name=name)
    pm.register(RegisteringWrapper(), name="wrapping")
    with pytest.raises(PluginError) as refused:
        _ = Plugins(pm).notifiers
    assert refused.value.plugins == ("wrapping",)
    assert "'audit-log'" in str(refused.value)
    assert "wrapper=True" in str(refused.value)


class CommandingWrapper:
    @hookimpl(wrapper=True)
    def register_commands(self, cli: click.Group) -> Generator[None, None, None]:
        @cli.command("audit")
        def audit() -> None:
            """Never run."""

        return (yield)


def test_hook_register_commands_a_wrapper_adding_a_command_is_named() -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(CommandingWrapper(), name="wrapping")
    with pytest.raises(PluginError) as refused:
        _ = Plugins(pm).commands
    assert refused.value.plugins == ("wrapping",)
    assert "'audit'" in str(refused.value)
