"""An operator factory complaintkit cannot call with the one argument a policy gives it is
the plugin's mistake: it is refused naming the plugin when the operators are gathered,
not reported against every policy row that uses the operator as a bad argument."""

from __future__ import annotations

from typing import Any

import pytest

from complaintkit.errors import PluginError
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import operator_registry


def _two(prefix: object, flags: object) -> Any:
    return lambda value: True


def _none() -> Any:
    return lambda value: True


def _keyword_only(*, prefix: object) -> Any:
    return lambda value: True


def _plugins(factory: object) -> Plugins:
    class Acme:
        @hookimpl
        def register_operators(self, register: Any) -> None:
            register("starts_with", (factory, "a prefix"))

    pm = plugin_manager(load_entrypoints=False)
    pm.register(Acme(), name="acme")
    return Plugins(pm)


@pytest.mark.parametrize("factory", [_two, _none, _keyword_only])
def test_a_factory_that_cannot_take_one_argument_is_the_plugins_error(factory: object) -> None:
    with pytest.raises(PluginError, match=r"operator 'starts_with' of plugin 'acme'") as error:
        operator_registry(_plugins(factory))
    assert error.value.plugins == ("acme",)
    assert "factory(argument)" in str(error.value)


def _defaults(prefix: object, flags: object = 0, *more: object) -> Any:
    return lambda value: True


@pytest.mark.parametrize("factory", [_defaults, len, lambda *arguments: None])
def test_a_factory_taking_one_argument_and_more_optional_is_accepted(factory: object) -> None:
    assert operator_registry(_plugins(factory)).get("starts_with") is not None
