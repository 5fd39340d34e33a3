"""A plugin that keeps the ``register`` callback it is handed and calls it after its hook
returned got its registration in unchecked: the checks a provider hook's registrations pass
(a storage scheme a URL can name, a channel name no dead letter's source confuses) run once,
when the hook is called. A late call is a ``PluginError`` naming the plugin and the hook,
and registers nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from complaintkit.errors import PluginError
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager


class Keeper:
    """Keeps every ``register`` it is handed."""

    def __init__(self) -> None:
        self.kept: dict[str, Callable[..., None]] = {}

    @hookimpl
    def register_storage(self, register: Any) -> None:
        self.kept["register_storage"] = register

    @hookimpl
    def register_channels(self, register: Any) -> None:
        self.kept["register_channels"] = register


def plugins_with(keeper: Keeper) -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(keeper, name="acme")
    return Plugins(pm)


@pytest.mark.parametrize(
    ("hook", "name", "registry"),
    [
        ("register_storage", "My DB", "storage_backends"),
        ("register_channels", "dead-letter:x", "channels"),
    ],
)
def test_a_register_called_after_its_hook_returned_is_refused(
    hook: str, name: str, registry: str
) -> None:
    keeper = Keeper()
    plugins = plugins_with(keeper)
    before = set(getattr(plugins, registry))
    with pytest.raises(PluginError) as late:
        keeper.kept[hook](name, object)
    assert "'acme'" in str(late.value)
    assert hook in str(late.value)
    assert late.value.plugins == ("acme",)
    assert set(getattr(plugins, registry)) == before
