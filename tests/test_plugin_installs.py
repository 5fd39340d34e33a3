"""The installed plugins are read once per process, and read again when what is installed
changes: a plugin installed or removed while a process runs is found, or gone, in the next
plugin manager it builds, with the distribution that installed it named."""

from __future__ import annotations

import importlib.metadata
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from complaintkit import plugin_installs
from complaintkit.errors import PluginError
from complaintkit.plugins import Plugins, plugin_manager


def _install(site: Path, plugin: str) -> Path:
    """A distribution ``acme-<plugin>`` 1.0 in ``site`` whose plugin registers a notifier
    named ``plugin``; its ``.dist-info`` directory."""
    module = plugin.replace("-", "_")
    (site / f"{module}.py").write_text(
        "import complaintkit\n\n\n@complaintkit.hookimpl\n"
        f"def register_notifiers(register):\n    register({plugin!r}, object)\n",
        encoding="utf-8",
    )
    info = site / f"acme_{module}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: acme-{plugin}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[complaintkit]\n{plugin} = {module}\n")
    return info


def _settled(site: Path) -> None:
    """``site`` as if last changed long ago: what is installed or removed there next changes
    its modification time, however soon that follows (a clock tick can be milliseconds)."""
    os.utime(site, ns=(0, 0))


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty directory on ``sys.path``."""
    monkeypatch.syspath_prepend(str(tmp_path))
    _settled(tmp_path)
    return tmp_path


@pytest.fixture
def plugin(request: pytest.FixtureRequest) -> str:
    """A plugin name (and module) no other test installs."""
    return f"pager-{abs(hash(request.node.nodeid))}"


def test_the_bundled_plugins_are_loaded_with_their_distributions() -> None:
    described = {p["name"]: p["distribution"] for p in Plugins(plugin_manager()).describe()}
    version = importlib.metadata.version("complaintkit-postgres")
    assert described["postgres"] == f"complaintkit-postgres {version}"
    assert described["complaintkit.builtin.storage"] is None


def test_what_is_installed_is_read_once_while_nothing_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plugin_manager()
    reads: list[Any] = []
    real = importlib.metadata.entry_points

    def counted(**selection: Any) -> Any:
        reads.append(selection)
        return real(**selection)

    monkeypatch.setattr(importlib.metadata, "entry_points", counted)
    first, second = plugin_manager(), plugin_manager()
    assert reads == []
    assert first.has_plugin("postgres")
    assert second.has_plugin("postgres")


def test_a_plugin_installed_while_the_process_runs_is_found_next_time(
    site: Path, plugin: str
) -> None:
    assert not plugin_manager().has_plugin(plugin)
    _install(site, plugin)
    plugins = Plugins(plugin_manager())
    assert plugin in plugins.notifiers
    described = {p["name"]: p["distribution"] for p in plugins.describe()}
    assert described[plugin] == f"acme-{plugin} 1.0"


def test_a_plugin_removed_while_the_process_runs_is_gone_next_time(site: Path, plugin: str) -> None:
    info = _install(site, plugin)
    _settled(site)
    assert plugin_manager().has_plugin(plugin)
    shutil.rmtree(info)
    assert not plugin_manager().has_plugin(plugin)


def test_a_plugin_on_a_directory_put_on_the_path_later_is_found(
    tmp_path: Path, plugin: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _install(tmp_path, plugin)
    assert not plugin_manager().has_plugin(plugin)
    monkeypatch.syspath_prepend(str(tmp_path))
    assert plugin_manager().has_plugin(plugin)


def test_a_plugin_registered_by_the_application_names_no_distribution() -> None:
    pm = plugin_manager()
    own = object()
    pm.register(own, name="own")
    assert plugin_installs.installed_by(own) is None
    described = {p["name"]: p["distribution"] for p in Plugins(pm).describe()}
    assert described["own"] is None


@pytest.mark.parametrize("value", ["", "complaintkit_acme:", "complaintkit acme plugin"])
def test_an_entry_point_naming_nothing_is_said_so(site: Path, plugin: str, value: str) -> None:
    """``importlib.metadata`` failed on it inside its own parsing: the plugin "could not be
    loaded: AttributeError: 'NoneType' object has no attribute 'group'"."""
    info = _install(site, plugin)
    (info / "entry_points.txt").write_text(f"[complaintkit]\n{plugin} = {value}\n")
    with pytest.raises(PluginError) as refused:
        plugin_manager()
    message = str(refused.value)
    assert f"plugin {plugin!r} (distribution acme-{plugin} 1.0)" in message
    assert f"{plugin} = {value!r}" in message
    assert "names no module" in message
    assert "NoneType" not in message
