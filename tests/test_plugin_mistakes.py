"""Mistakes a plugin author makes that pluggy lets pass without a word: each is a
``PluginError`` naming the plugin and what to do, instead of a feature that silently is not
there."""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.errors import PluginError
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager


class Pager:
    def send(self, message: object) -> None:
        pass


def with_plugin(plugin: object, name: str = "acme") -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(plugin, name=name)
    return Plugins(pm)


def _register_notifiers(register: Any) -> None:
    register("pager", Pager)


def _case_event(event: object) -> None:
    pass


@pytest.mark.parametrize(
    ("hook", "function"),
    [("register_notifiers", _register_notifiers), ("case_event", _case_event)],
)
def test_a_hook_without_hookimpl_is_a_plugin_error_naming_it(hook: str, function: Any) -> None:
    module = types.ModuleType("complaintkit_acme_plugin")
    setattr(module, hook, function)  # `def register_notifiers(register)`, no decorator
    with pytest.raises(PluginError) as refused:
        with_plugin(module)
    assert "'acme'" in str(refused.value)
    assert hook in str(refused.value)
    assert "hookimpl" in str(refused.value)
    assert refused.value.plugins == ("acme",)


class Marked:
    """A hook marked as such, and a method of the same name in a class with other hooks."""

    @hookimpl
    def register_notifiers(self, register: Any) -> None:
        register("pager", Pager)

    @hookimpl(specname="case_event")
    def heard(self, event: object) -> None:
        pass


def test_marked_hooks_under_any_name_are_accepted() -> None:
    assert "pager" in with_plugin(Marked()).notifiers


class Returning:
    @hookimpl
    def register_notifiers(self, register: Any) -> dict[str, type]:
        return {"pager": Pager}  # pluggy style, but complaintkit asks for register(...)


class ReturningCommand:
    @hookimpl
    def register_commands(self, cli: click.Group) -> click.Command:
        return click.Command("overdue")


@pytest.mark.parametrize(
    ("plugin", "provided"),
    [(Returning(), "notifiers"), (ReturningCommand(), "commands")],
)
def test_a_provider_returning_what_it_did_not_register_is_a_plugin_error(
    plugin: object, provided: str
) -> None:
    with pytest.raises(PluginError) as refused:
        getattr(with_plugin(plugin), provided)
    assert "'acme'" in str(refused.value)
    assert "register" in str(refused.value)
    assert refused.value.plugins == ("acme",)


class RegisteringAndReturning:
    @hookimpl
    def register_commands(self, cli: click.Group) -> click.Command:
        return cli.command("overdue")(lambda: None)  # registers, and hands the command back


def test_a_provider_that_registered_may_return_what_it_likes() -> None:
    assert "overdue" in with_plugin(RegisteringAndReturning()).commands


class Twice:
    @hookimpl
    def register_notifiers(self, register: Any) -> None:
        register("pager", Pager)
        register("pager", Pager)


def test_a_name_registered_twice_by_one_plugin_says_so() -> None:
    with pytest.raises(PluginError) as refused:
        _ = with_plugin(Twice()).notifiers
    assert "both" not in str(refused.value)  # blocking "one of" them would block both
    assert "twice" in str(refused.value)
    assert "'acme'" in str(refused.value)


class NamedByNumber:
    @hookimpl
    def register_notifiers(self, register: Any) -> None:
        register(7, Pager)


class NamedByNothing:
    @hookimpl
    def register_notifiers(self, register: Any) -> None:
        register("", Pager)


def test_a_name_that_is_no_text_is_said_to_be_so() -> None:
    """``register(7, …)`` was told it registered "a notifier with no name"."""
    with pytest.raises(PluginError) as refused:
        _ = with_plugin(NamedByNumber()).notifiers
    assert "registered the notifier name 7 (int)" in str(refused.value)
    assert "'acme'" in str(refused.value)
    with pytest.raises(PluginError) as refused:
        _ = with_plugin(NamedByNothing()).notifiers
    assert "with no name" in str(refused.value)


@pytest.mark.parametrize("name", ["  ", " pager", "pager\n", "\u3000pager"])
def test_a_name_with_spaces_around_it_is_refused(name: str) -> None:
    """Taken as written, no policy or option (which drop such spaces) could name it:
    ``type: pager`` was told "no notifier named 'pager'; available: … ' pager' …"."""

    class Spaced:
        @hookimpl
        def register_notifiers(self, register: Any) -> None:
            register(name, Pager)

    with pytest.raises(PluginError) as refused:
        _ = with_plugin(Spaced()).notifiers
    assert repr(name) in str(refused.value)
    assert "'acme'" in str(refused.value)
    assert refused.value.plugins == ("acme",)


class NoCommand:
    @hookimpl
    def register_commands(self, cli: click.Group) -> None:
        cli.add_command(lambda: None, "overdue")  # type: ignore[arg-type]


def test_a_command_that_is_no_click_command_is_a_plugin_error_not_a_broken_help() -> None:
    with pytest.raises(PluginError) as refused:
        _ = with_plugin(NoCommand()).commands
    assert "'overdue'" in str(refused.value)
    assert "'acme'" in str(refused.value)
    assert "register_commands" in str(refused.value)


def test_the_cli_with_a_good_plugin_command_still_helps() -> None:
    result = CliRunner().invoke(build_cli(with_plugin(RegisteringAndReturning())), ["--help"])
    assert result.exit_code == 0
    assert "overdue" in result.output


# --- two installed distributions naming their plugin alike ------------------------------------


def _install(site: Path, distribution: str, plugin: str, notifier: str) -> None:
    module = f"{distribution}_{plugin}".replace("-", "_")
    (site / f"{module}.py").write_text(
        "import complaintkit\n\n\n@complaintkit.hookimpl\n"
        f"def register_notifiers(register):\n    register({notifier!r}, object)\n",
        encoding="utf-8",
    )
    info = site / f"{distribution.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[complaintkit]\n{plugin} = {module}\n")


def test_two_distributions_naming_their_plugin_alike_are_named_not_one_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = f"acme-{abs(hash(str(tmp_path)))}"  # a plugin name no other test installs
    _install(tmp_path, "acme-one", name, "pager-one")
    _install(tmp_path, "acme-two", name, "pager-two")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(PluginError) as refused:
        plugin_manager()
    assert "acme-one" in str(refused.value)
    assert "acme-two" in str(refused.value)
    assert f"'{name}'" in str(refused.value)
    assert refused.value.plugins == (name,)
    monkeypatch.setenv("COMPLAINTKIT_DISABLE_PLUGINS", name)  # blocks both: nothing dropped
    assert not plugin_manager().has_plugin(name)


def test_one_distribution_on_the_path_twice_is_one_plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = f"acme-{abs(hash(str(tmp_path)))}"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _install(tmp_path / "a", "acme-one", name, "pager-one")
    _install(tmp_path / "b", "acme-one", name, "pager-one")
    monkeypatch.syspath_prepend(str(tmp_path / "b"))
    monkeypatch.syspath_prepend(str(tmp_path / "a"))
    assert "pager-one" in Plugins(plugin_manager()).notifiers


def test_one_module_under_two_entry_points_is_named_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pluggy refused the second as "already registered under a different name", with a
    dump of every plugin loaded (builtins included) over several lines."""
    name = f"acme-{abs(hash(str(tmp_path)))}"
    _install(tmp_path, "acme-one", name, "pager-one")
    module = f"acme-one_{name}".replace("-", "_")
    entry_points = tmp_path / "acme_one-1.0.dist-info" / "entry_points.txt"
    entry_points.write_text(f"[complaintkit]\n{name} = {module}\n{name}-again = {module}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(PluginError) as refused:
        plugin_manager()
    message = str(refused.value)
    assert "\n" not in message
    assert f"plugin '{name}-again' (distribution acme-one 1.0)" in message
    assert f"plugin '{name}' already loaded" in message
    assert f"COMPLAINTKIT_DISABLE_PLUGINS={name}-again" in message
    assert refused.value.plugins == (f"{name}-again",)
    monkeypatch.setenv("COMPLAINTKIT_DISABLE_PLUGINS", f"{name}-again")
    assert "pager-one" in Plugins(plugin_manager()).notifiers


# --- a plugin the application registers itself ------------------------------------------------


class Misspelt:
    @hookimpl
    def case_events(self, event: object) -> None:  # the hook is case_event
        pass


def test_a_misspelt_hook_registered_by_the_application_is_named() -> None:
    """``pm.register(plugin)`` after ``plugin_manager()``, as docs/plugins.md shows: its
    hooks are checked when ``Plugins`` is built, as an installed plugin's are at load."""
    with pytest.raises(PluginError) as refused:
        with_plugin(Misspelt())
    assert "'acme'" in str(refused.value)
    assert "case_events" in str(refused.value)
    assert refused.value.plugins == ("acme",)


# --- a storage backend no URL can name --------------------------------------------------------


def _storage_plugin(scheme: str) -> object:
    class Backend:
        @hookimpl
        def register_storage(self, register: Any) -> None:
            register(scheme, lambda url: None)

    return Backend()


@pytest.mark.parametrize("scheme", ["my_db", "Scratch", "1db", "two words", "pg:"])
def test_a_storage_scheme_no_url_can_name_is_a_plugin_error(scheme: str) -> None:
    """``urlsplit`` lowercases a scheme and reads ``my_db:///x`` as having none: such a
    backend could never be opened, and the error would say the URL is no storage URL."""
    with pytest.raises(PluginError) as refused:
        _ = with_plugin(_storage_plugin(scheme)).storage_backends
    assert repr(scheme) in str(refused.value)
    assert "'acme'" in str(refused.value)
    assert "register_storage" in str(refused.value)


@pytest.mark.parametrize("scheme", ["scratch", "postgresql", "git+ssh", "x-db.v2"])
def test_a_storage_scheme_a_url_can_name_is_accepted(scheme: str) -> None:
    assert scheme in with_plugin(_storage_plugin(scheme)).storage_backends


class OptionallyMisspelt:
    @hookimpl(optionalhook=True)
    def register_notifier(self, register: Any) -> None:  # the hook is register_notifiers
        register("pager", Pager)


class AnotherPluginsHook:
    @hookimpl(optionalhook=True)
    def acme_case_event(self, event: object) -> None:  # a hook another plugin may declare
        pass


def test_a_misspelt_optional_hook_is_named_with_the_hook_it_meant() -> None:
    """``optionalhook=True`` lets pluggy pass over a hook no plugin declares (one of
    another plugin, maybe not installed), so a slip in a complaintkit hook's name under it
    was a feature silently not there."""
    with pytest.raises(PluginError) as refused:
        with_plugin(OptionallyMisspelt())
    assert refused.value.plugins == ("acme",)
    assert "register_notifier," in str(refused.value)
    assert "register_notifiers" in str(refused.value)


def test_an_optional_hook_of_another_plugin_is_accepted() -> None:
    assert "acme" in with_plugin(AnotherPluginsHook()).implementers("acme_case_event")


def test_two_distributions_registering_one_notifier_name_are_both_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The clash stops every command, ``complaintkit plugins`` too, so the message is the
    only place saying which installed packages to choose between."""
    suffix = abs(hash(str(tmp_path)))
    _install(tmp_path, "acme-pager", f"acme-{suffix}", "pager")
    _install(tmp_path, "beta-pager", f"beta-{suffix}", "pager")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(PluginError) as refused:
        _ = Plugins(plugin_manager()).notifiers
    assert "distribution acme-pager 1.0" in str(refused.value)
    assert "distribution beta-pager 1.0" in str(refused.value)
    assert set(refused.value.plugins) == {f"acme-{suffix}", f"beta-{suffix}"}


class PluginClass:
    """Listed by an entry point as ``acme.plugin:PluginClass``, the class, not an instance."""

    @hookimpl
    def register_notifiers(self, register: Any) -> None:
        register("pager", Pager)


class StaticPluginClass:
    @staticmethod
    @hookimpl
    def register_notifiers(register: Any) -> None:
        register("pager", Pager)


def test_a_plugin_class_whose_hooks_take_self_is_named_not_failing_in_each_hook() -> None:
    """pluggy drops ``self`` from what it passes, so each hook failed as called, with
    "missing 1 required positional argument: 'register'" (a case_event logged at every event)."""
    with pytest.raises(PluginError) as refused:
        with_plugin(PluginClass)
    assert refused.value.plugins == ("acme",)
    assert "PluginClass" in str(refused.value)
    assert "PluginClass()" in str(refused.value)


def test_a_plugin_class_of_static_hooks_is_accepted() -> None:
    assert with_plugin(StaticPluginClass).notifiers["pager"].plugin == "acme"


class SpecnamedListener:
    @hookimpl(specname="case_event")
    def on_event(self, event: object) -> None:
        pass

    @hookimpl
    def register_notifier(self, register: Any) -> None:  # the hook is register_notifiers
        register("pager", Pager)


class MisspeltSpecname:
    @hookimpl(specname="case_evnt")
    def on_event(self, event: object) -> None:
        pass


def test_a_hook_implemented_under_its_specname_is_not_taken_for_the_misspelt_one() -> None:
    """``on_event`` with ``specname="case_event"`` fits; the error named it, as 'no
    complaintkit hook: did you mean case_event?', and said nothing of the real slip."""
    with pytest.raises(PluginError) as refused:
        with_plugin(SpecnamedListener())
    assert "register_notifier," in str(refused.value)
    assert "register_notifiers" in str(refused.value)
    assert "on_event" not in str(refused.value)


def test_a_misspelt_specname_is_named() -> None:
    with pytest.raises(PluginError) as refused:
        with_plugin(MisspeltSpecname())
    assert "specname='case_evnt'" in str(refused.value)
    assert "did you mean case_event?" in str(refused.value)
