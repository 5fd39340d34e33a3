"""A plugin object that cannot be hashed: a ``@dataclass`` (which compares by value and
so has no hash), or any class defining ``__eq__`` alone.

pluggy registers such an object, but complaintkit calls one plugin's implementation at a
time through ``subset_hook_caller``, which hashes every implementing plugin: each provider
hook then failed blaming the plugin (``failed in register_notifiers: TypeError:
unhashable type: 'Acme'``), and a ``classify_complaint`` refused every complaint as that
plugin's failure. It is refused when the plugins are checked, saying why and what to write.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from complaintkit.errors import PluginError
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager


class Pager:
    def send(self, message: object) -> None:
        pass


@dataclass
class ByValue:
    url: str

    @hookimpl
    def register_notifiers(self, register: Any) -> None:
        register("pager", Pager)


@dataclass
class Classifier:
    model: str

    @hookimpl
    def classify_complaint(self, complaint: object, proposed: dict[str, Any]) -> None:
        return None


@dataclass(eq=False)
class ByIdentity:
    url: str

    @hookimpl
    def register_notifiers(self, register: Any) -> None:
        register("pager", Pager)


@dataclass(frozen=True)
class Frozen:
    url: str

    @hookimpl
    def register_notifiers(self, register: Any) -> None:
        register("pager", Pager)


@dataclass
class NoHooks:
    url: str


def _plugins(plugin: object) -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(plugin, name="acme")
    return Plugins(pm)


@pytest.mark.parametrize("plugin", [ByValue("https://pager"), Classifier("m")], ids=type)
def test_an_unhashable_plugin_is_refused_naming_it(plugin: object) -> None:
    with pytest.raises(PluginError) as error:
        _plugins(plugin)
    assert error.value.plugins == ("acme",)
    message = str(error.value)
    assert f"plugin 'acme' is a {type(plugin).__name__}" in message
    assert "cannot be hashed" in message
    assert "@dataclass(eq=False)" in message


@pytest.mark.parametrize("plugin", [ByIdentity("https://pager"), Frozen("https://pager")], ids=type)
def test_a_hashable_plugin_object_provides_as_any(plugin: object) -> None:
    assert _plugins(plugin).notifiers["pager"].plugin == "acme"


def test_an_unhashable_object_implementing_no_hook_is_left_alone() -> None:
    assert "acme" in [name for name, _ in _plugins(NoHooks("x")).pm.list_name_plugin()]


class HashRaising:
    """A plugin whose ``__hash__`` raises another error than ``TypeError``, or exits."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def __hash__(self) -> int:
        raise self.error

    @hookimpl
    def register_notifiers(self, register: Any) -> None:
        register("pager", Pager)


@pytest.mark.parametrize(
    "error",
    [ValueError("cache not ready"), ValueError(10**5000), SystemExit(3)],
    ids=["error", "unreadable", "exit"],
)
def test_a_plugin_whose_hash_raises_is_refused_naming_it(error: BaseException) -> None:
    with pytest.raises(PluginError) as refused:
        _plugins(HashRaising(error))
    assert refused.value.plugins == ("acme",)
    assert "plugin 'acme' is a HashRaising object that cannot be hashed" in str(refused.value)
