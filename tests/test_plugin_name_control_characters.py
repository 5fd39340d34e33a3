"""A provider registering a name holding a control, line-breaking, bidi or invisible
character is refused naming the plugin: no policy or option shows such a name as it is,
and ``complaintkit plugins`` printed it raw (an escape sequence acting on the terminal,
a line break starting a line that looks like another plugin's)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.errors import PluginError
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager

HIDDEN = [
    "\n",
    "\r",
    "\t",
    "\x00",
    "\x1b",
    "\x7f",
    "\x9b",
    "\u2028",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
]
PROVIDERS = [
    "register_notifiers",
    "register_channels",
    "register_policy_packs",
    "register_operators",
]


class Pager:
    def send(self, message: object) -> None:
        pass


def _registering(hook_name: str, name: str) -> Plugins:
    def provide(register: Any) -> None:
        register(name, "/nowhere" if hook_name == "register_policy_packs" else Pager)

    plugin = type("Acme", (), {hook_name: staticmethod(hookimpl(provide))})()
    pm = plugin_manager(load_entrypoints=False)
    pm.register(plugin, name="acme")
    return Plugins(pm)


def _collect(plugins: Plugins, hook_name: str) -> object:
    kind = hook_name.removeprefix("register_")
    return getattr(plugins, kind)


@pytest.mark.parametrize("hook_name", PROVIDERS)
@settings(max_examples=20)
@given(
    before=st.text(alphabet="abcxyz-", min_size=1, max_size=5),
    hidden=st.sampled_from(HIDDEN),
    after=st.text(alphabet="abcxyz-", min_size=1, max_size=5),
)
def test_hook_provider_name_with_a_hidden_character_is_refused(
    hook_name: str, before: str, hidden: str, after: str
) -> None:
    name = f"{before}{hidden}{after}"
    with pytest.raises(PluginError) as refused:
        _collect(_registering(hook_name, name), hook_name)
    message = str(refused.value)
    assert refused.value.plugins == ("acme",)
    assert hidden not in message  # shown as an escape, not acting on the terminal
    assert repr(f"{before}{after}") in message  # what to register instead


@pytest.mark.parametrize("name", ["acme-pager", "寻呼机", "ﾍﾟｰｼﾞｬｰ", "pager.v2", "👩‍💻pager"])
def test_hook_provider_names_in_any_script_are_taken(name: str) -> None:
    plugins = _registering("register_notifiers", name)
    assert plugins.notifiers[name].plugin == "acme"
