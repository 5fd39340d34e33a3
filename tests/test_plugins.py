import inspect
from pathlib import Path
from typing import Any

import pytest

from complaintkit import hookspecs
from complaintkit.errors import ConfigError, PluginError
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import DEFAULT_PLUGINS, Plugins, plugin_manager
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage


class SecondSqlite:
    @hookimpl
    def register_storage(self, register: Any) -> None:
        register("sqlite", MemoryStorage)


class Broken:
    @hookimpl
    def register_storage(self, register: Any) -> None:
        raise RuntimeError("boom")


def test_builtins_register_memory_and_sqlite() -> None:
    plugins = Plugins(plugin_manager(load_entrypoints=False))
    assert plugins.storage_backends.get_value("sqlite") is SQLiteStorage
    assert plugins.storage_backends["memory"].plugin == "complaintkit.builtin.storage"


def test_duplicate_storage_scheme_names_both_plugins() -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(SecondSqlite(), name="acme-sqlite")
    with pytest.raises(
        PluginError, match="'acme-sqlite' and 'complaintkit.builtin.storage'"
    ) as error:
        Plugins(pm).storage_backends  # noqa: B018 -- the property does the registration
    assert error.value.plugins == ("acme-sqlite", "complaintkit.builtin.storage")


def test_failing_plugin_is_named() -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Broken(), name="broken-plugin")
    with pytest.raises(
        PluginError, match="plugin 'broken-plugin' failed in register_storage: boom"
    ):
        Plugins(pm).open_storage("memory:")


def test_unknown_storage_scheme_lists_known_ones() -> None:
    plugins = Plugins(plugin_manager(load_entrypoints=False))
    with pytest.raises(
        ConfigError, match="no storage backend named 'mongodb'; available: memory, sqlite"
    ):
        plugins.open_storage("mongodb://localhost/x")


def test_blocked_builtin_is_not_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPLAINTKIT_DISABLE_PLUGINS", "complaintkit.builtin.storage")
    plugins = Plugins(plugin_manager(load_entrypoints=False))
    assert "sqlite" not in plugins.storage_backends


def test_describe_lists_builtins_and_what_they_provide() -> None:
    described = {p["name"]: p for p in Plugins(plugin_manager(load_entrypoints=False)).describe()}
    assert set(DEFAULT_PLUGINS) <= set(described)
    assert "storage backend sqlite" in described["complaintkit.builtin.storage"]["provides"]


def hookspec_functions() -> list[Any]:
    return [
        f
        for name, f in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(f, "complaintkit_spec")
    ]


def test_every_hook_is_documented_with_when_and_return() -> None:
    specs = hookspec_functions()
    assert len(specs) >= 8
    for spec in specs:
        doc = inspect.getdoc(spec) or ""
        assert "Called" in doc, f"{spec.__name__} must say when it is called"
        assert "Return" in doc, f"{spec.__name__} must say what to return"


def test_every_hook_is_documented_in_docs() -> None:
    text = (Path(__file__).parents[1] / "docs" / "plugins.md").read_text(encoding="utf-8")
    for spec in hookspec_functions():
        assert f"{spec.__name__}(" in text, f"docs/plugins.md does not document {spec.__name__}"
