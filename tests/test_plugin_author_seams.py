"""Mistakes a plugin author from another organisation plausibly makes, following
docs/plugins.md: each is a clear error naming the plugin (and its hook) where it is made,
not a traceback, a message retried for hours, or a policy error about something else."""

from __future__ import annotations

from typing import Any

import pytest

from complaintkit.compensation.formulas import FormulaCompiler, formula_registry
from complaintkit.errors import PluginError
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import operator_registry


def plugins_with(plugin: object, name: str = "acme") -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(plugin, name=name)
    return Plugins(pm)


def registering(hook: str, name: str, value: object) -> object:
    class Acme:
        pass

    def provide(self: object, register: Any) -> None:
        register(name, value)

    provide.__name__ = hook
    setattr(Acme, hook, hookimpl(provide))
    return Acme()


# --- names a policy cannot use -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["match", "except"])
def test_an_operator_named_like_a_keyword_option_is_refused_naming_the_plugin(name: str) -> None:
    """``{field: customer.tier, match: gold}`` was refused by the policy schema as a
    keyword option ('gold' is not one of word, prefix, substring): the operator registered
    fine and could never be used."""
    plugin = registering("register_operators", name, lambda argument: lambda value: True)
    with pytest.raises(PluginError, match=rf"'{name}'") as error:
        operator_registry(plugins_with(plugin))
    assert error.value.plugins == ("acme",)


@pytest.mark.parametrize("name", ["of", "default", "amount", "currency"])
def test_a_formula_named_like_a_key_of_the_built_in_formulas_is_refused(name: str) -> None:
    """A formula named ``default`` made ``{multiple: 3, of: loss, default: 0}`` a formula of
    two kinds: every built-in formula writing that key became a policy error."""
    plugin = registering("register_formulas", name, lambda spec, path, compiler: None)
    with pytest.raises(PluginError, match=rf"'{name}'") as error:
        FormulaCompiler("CNY", registry=formula_registry(plugins_with(plugin)))
    assert error.value.plugins == ("acme",)
