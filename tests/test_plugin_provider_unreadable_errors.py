"""A provider hook raising what cannot be read as text (an exception whose ``__str__``
raises, a message that is an int too long to print, ``sys.exit`` with such a code): the
``PluginError`` still names the plugin and its hook, instead of a traceback of whatever
failed while the error was written."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from complaintkit import hookimpl
from complaintkit.errors import PluginError
from complaintkit.plugins import Plugins, plugin_manager
from test_plugin_provider_failures import PROVIDERS


class Unprintable:
    def __repr__(self) -> str:
        raise RuntimeError("repr broke")

    __str__ = __repr__


class Unsayable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("str of the error broke")


def _raise_unsayable() -> None:
    raise Unsayable


def _raise_huge() -> None:
    raise ValueError(10**5000)


def _exit_unprintable() -> None:
    raise SystemExit(Unprintable())


def _exit_huge() -> None:
    sys.exit(10**5000)


FAILURES = {
    "unsayable": _raise_unsayable,
    "huge-message": _raise_huge,
    "exit-unprintable": _exit_unprintable,
    "exit-huge": _exit_huge,
}


def _plugin(hook_name: str, fail: Any) -> object:
    @hookimpl
    def registers(register: Any) -> None:
        fail()

    @hookimpl
    def commands(cli: Any) -> None:
        fail()

    implementation = commands if hook_name == "register_commands" else registers
    return type("Acme", (), {hook_name: staticmethod(implementation)})()


@pytest.mark.parametrize("failure", FAILURES)
@pytest.mark.parametrize(("hook_name", "registry"), PROVIDERS.items())
def test_the_error_names_plugin_and_hook(hook_name: str, registry: str, failure: str) -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(_plugin(hook_name, FAILURES[failure]), name="acme")
    with pytest.raises(PluginError) as error:
        getattr(Plugins(pm), registry)
    assert f"plugin 'acme' failed in {hook_name}" in str(error.value)


class UnsayableStore:
    @hookimpl
    def register_storage(self, register: Any) -> None:
        register("acme", lambda url: _raise_unsayable())


def test_a_factory_raising_unsayable_names_plugin_and_what_it_built() -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(UnsayableStore(), name="acme")
    with pytest.raises(PluginError) as error:
        Plugins(pm).open_storage("acme://x")
    message = str(error.value)
    assert "plugin 'acme'" in message
    assert "(register_storage) could not be built: Unsayable" in message
