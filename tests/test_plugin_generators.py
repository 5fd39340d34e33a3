"""A hook implementation written as a generator (a ``yield`` in it) but not marked
``wrapper=True`` is never run by pluggy: calling it only makes a generator. ``case_event``
written so was silently never told of anything; it is refused, naming plugin and hook."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from complaintkit.errors import PluginError
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager


class Yielding:
    @hookimpl
    def case_event(self, event: Any) -> Iterator[None]:
        yield


class YieldingProvider:
    @hookimpl
    def register_channels(self, register: Any) -> Iterator[None]:
        register("lines", object)
        yield


class Wrapping:
    @hookimpl(wrapper=True)
    def case_event(self, event: Any) -> Iterator[None]:
        return (yield)


@pytest.mark.parametrize(
    ("plugin", "hook"), [(Yielding(), "case_event"), (YieldingProvider(), "register_channels")]
)
def test_a_generator_hook_that_is_no_wrapper_is_a_plugin_error_naming_it(
    plugin: object, hook: str
) -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(plugin, name="acme")
    with pytest.raises(PluginError) as error:
        Plugins(pm)
    assert "plugin 'acme'" in str(error.value)
    assert hook in str(error.value)
    assert "wrapper=True" in str(error.value)
    assert error.value.plugins == ("acme",)


def test_a_generator_marked_wrapper_is_accepted() -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Wrapping(), name="acme")
    assert "acme" in Plugins(pm).implementers("case_event")
