"""A provider hook that raises is named with what it raised.

``plugin 'acme' failed in register_channels: 'recipient'`` was all a ``KeyError`` left
of a bug: the exception's text without its type, where every other plugin failure
(a factory, a notifier's attempt) says ``KeyError: 'recipient'``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from complaintkit import hookimpl
from complaintkit.errors import PluginError
from complaintkit.plugins import Plugins, plugin_manager

#: Each provider hook, and the ``Plugins`` property that calls it.
PROVIDERS = {
    "register_storage": "storage_backends",
    "register_channels": "channels",
    "register_notifiers": "notifiers",
    "register_operators": "operators",
    "register_formulas": "formulas",
    "register_policy_packs": "policy_packs",
    "register_commands": "commands",
}


def _lookup() -> None:
    raise KeyError("recipient")  # a plugin's bug: a key its mapping lacks


def _plugin(hook_name: str) -> object:
    """A plugin object whose ``hook_name`` implementation has that bug."""

    @hookimpl
    def registers(register: Any) -> None:
        _lookup()

    @hookimpl
    def commands(cli: Any) -> None:
        _lookup()

    implementation = commands if hook_name == "register_commands" else registers
    return type("Acme", (), {hook_name: staticmethod(implementation)})()


@pytest.mark.parametrize(("hook_name", "registry"), PROVIDERS.items())
def test_hook_provider_raising_names_plugin_hook_and_exception_type(
    hook_name: str, registry: str
) -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(_plugin(hook_name), name="acme")
    with pytest.raises(PluginError) as error:
        getattr(Plugins(pm), registry)
    message = str(error.value)
    assert f"plugin 'acme' failed in {hook_name}" in message
    assert "KeyError: 'recipient'" in message
    assert error.value.plugins == ("acme",)


def test_hook_provider_raising_names_the_distribution_that_installed_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every command stops there, ``complaintkit plugins`` too: the message is where a user
    learns which installed package to fix, upgrade or remove."""
    name = f"acme-{abs(hash(str(tmp_path)))}"  # a plugin name no other test installs
    module = name.replace("-", "_")
    (tmp_path / f"{module}.py").write_text(
        "import complaintkit\n\n\n@complaintkit.hookimpl\n"
        "def register_channels(register):\n    raise KeyError('recipient')\n",
        encoding="utf-8",
    )
    info = tmp_path / "acme_tsv-2.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-tsv\nVersion: 2.1\n")
    (info / "entry_points.txt").write_text(f"[complaintkit]\n{name} = {module}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(PluginError) as error:
        _ = Plugins(plugin_manager()).channels
    message = str(error.value)
    assert f"plugin '{name}' (distribution acme-tsv 2.1) failed in register_channels" in message
    assert error.value.plugins == (name,)
