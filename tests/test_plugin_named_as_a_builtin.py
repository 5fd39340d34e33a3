"""An installed plugin whose entry point has the name of a built-in plugin
(``complaintkit.builtin.notifiers``) was passed over without a word, as if it were a copy
of one already loaded: its notifier, channel or storage was silently not there. It is
refused, naming it, its distribution and the built-in, and what to do."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from complaintkit.errors import PluginError
from complaintkit.plugins import DEFAULT_PLUGINS, Plugins, plugin_manager


def _install(site: Path, name: str, module: str) -> None:
    """A distribution ``acme-pager`` 1.0 whose entry point ``name`` is ``module``, which
    registers a notifier named ``module``."""
    (site / f"{module}.py").write_text(
        "import complaintkit\n\n\n@complaintkit.hookimpl\n"
        f"def register_notifiers(register):\n    register({module!r}, object)\n",
        encoding="utf-8",
    )
    info = site / f"{module}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-pager\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[complaintkit]\n{name} = {module}\n")
    os.utime(site, ns=(0, 0))  # read again: the directory changed since it was last read


@pytest.fixture
def module(request: pytest.FixtureRequest) -> str:
    """A module name no other test installs."""
    return f"pager_{abs(hash(request.node.nodeid))}"


@pytest.mark.parametrize("builtin", DEFAULT_PLUGINS)
def test_a_plugin_named_as_a_builtin_is_refused_naming_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str, builtin: str
) -> None:
    monkeypatch.syspath_prepend(str(tmp_path))
    _install(tmp_path, builtin, module)
    with pytest.raises(PluginError) as refused:
        plugin_manager()
    message = str(refused.value)
    assert f"plugin {builtin!r} (distribution acme-pager 1.0)" in message
    assert "built-in" in message
    assert refused.value.plugins == (builtin,)


def test_blocking_the_name_blocks_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str
) -> None:
    """The way out the refusal names: the built-in and the plugin both left out."""
    monkeypatch.syspath_prepend(str(tmp_path))
    builtin = "complaintkit.builtin.formulas"
    _install(tmp_path, builtin, module)
    monkeypatch.setenv("COMPLAINTKIT_DISABLE_PLUGINS", builtin)
    notifiers = Plugins(plugin_manager()).notifiers
    assert module not in notifiers
    assert "smtp" in notifiers
