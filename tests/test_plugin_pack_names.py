"""A policy pack registered under a name ``extends:`` reads as a file's path (``./base.yaml``,
``/acme/base``, ``base.yaml``) or refuses as a URL could never be extended: the policy
naming it read the file beside it instead, or nothing, and the plugin's pack was silently
out of reach. Such a name is a ``PluginError`` naming the plugin and the hook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from complaintkit.errors import PluginError
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager

BASE = Path(__file__).parents[1] / "docs" / "policy" / "base.yaml"


def _packs(name: str) -> Plugins:
    class Acme:
        @hookimpl
        def register_policy_packs(self, register: Any) -> None:
            register(name, BASE)

    pm = plugin_manager(load_entrypoints=False)
    pm.register(Acme(), name="acme")
    return Plugins(pm)


@pytest.mark.parametrize(
    "name",
    ["./base.yaml", "/acme/base", "base.yaml", "acme/base.toml", "https://acme/base"],
)
def test_a_pack_no_extends_can_name_is_a_plugin_error(name: str) -> None:
    with pytest.raises(PluginError) as refused:
        _packs(name).policy_packs  # noqa: B018 - gathering the packs is what refuses it
    message = str(refused.value)
    assert "plugin 'acme'" in message
    assert "register_policy_packs" in message
    assert repr(name) in message
    assert refused.value.plugins == ("acme",)


@pytest.mark.parametrize("name", ["retail", "acme/eu261", "acme.base", "零售"])
def test_a_pack_named_as_packs_are_is_taken(name: str) -> None:
    assert name in _packs(name).policy_packs
