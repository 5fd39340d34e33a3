"""Mistakes a plugin author makes that pluggy lets pass without a word: each is a
``PluginError`` naming the plugin and what to do, instead of a feature that silently is not
there."""

from __future__ import annotations

import types
from typing import Any

import pytest

from complaintkit.errors import PluginError
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager


class Pager:
    def send(self, message: object) -> None:
        pass


def with_plugin(plugin: object, name: str = "acme") -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(plugin, name=name)
    return Plugins(pm)


def _register_notifiers(register: Any) -> None:
    register("pager", Pager)


def _case_event(event: object) -> None:
    pass


@pytest.mark.parametrize(
    ("hook", "function"),
    [("register_notifiers", _register_notifiers), ("case_event", _case_event)],
)
def test_a_hook_without_hookimpl_is_a_plugin_error_naming_it(hook: str, function: Any) -> None:
    module = types.ModuleType("complaintkit_acme_plugin")
    setattr(module, hook, function)  # `def register_notifiers(register)`, no decorator
    with pytest.raises(PluginError) as refused:
        with_plugin(module)
    assert "'acme'" in str(refused.value)
    assert hook in str(refused.value)
    assert "hookimpl" in str(refused.value)
    assert refused.value.plugins == ("acme",)


class Marked:
    """A hook marked as such, and a method of the same name in a class with other hooks."""

    @hookimpl
    def register_notifiers(self, register: Any) -> None:
        register("pager", Pager)

    @hookimpl(specname="case_event")
    def heard(self, event: object) -> None:
        pass


def test_marked_hooks_under_any_name_are_accepted() -> None:
    assert "pager" in with_plugin(Marked()).notifiers
