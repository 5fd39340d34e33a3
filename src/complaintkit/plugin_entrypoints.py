"""Loading the plugins installed in the ``complaintkit`` entry-point group, each named
when it cannot be: one that fails to import, does not fit the hookspecs, or is named as
another plugin is a ``PluginError`` saying which and what to do, not a traceback."""

from __future__ import annotations

import re

import pluggy

from complaintkit import plugin_installs
from complaintkit.errors import PluginError
from complaintkit.plugin_exit import contained
from complaintkit.plugin_fit import misfit, slip_of
from complaintkit.plugin_said import said


def check_pending(pm: pluggy.PluginManager) -> None:
    """A hook implementation no hookspec has (a misspelt name) is a ``PluginError``; one
    marked ``optionalhook``, which pluggy passes over, too when it is a slip of a
    complaintkit hook's name."""
    try:
        pm.check_pending()
        for caller in vars(pm.hook).values():
            if not isinstance(caller, pluggy.HookCaller) or caller.has_spec():
                continue
            for impl in caller.get_hookimpls():
                if impl.optionalhook and slip_of(caller.name) is not None:
                    raise pluggy.PluginValidationError(impl.plugin, caller.name)
    except pluggy.PluginValidationError as exc:
        name = pm.get_name(exc.plugin) or repr(exc.plugin)
        raise _unloadable(name, exc, plugin_installs.installed_by(exc.plugin)) from exc


def load(pm: pluggy.PluginManager) -> None:
    """Every installed plugin, one entry point at a time, so that one that cannot be
    imported or whose hooks do not fit the hookspecs is named instead of a traceback
    stopping every command. pluggy loads the first of two distributions that give their
    plugin the same name and passes over the other: that is refused, naming both; so is
    a plugin named as a plugin ``pm`` holds already (a built-in). They are
    loaded as pluggy's ``load_setuptools_entrypoints`` would, from one reading of what is
    installed (``plugin_installs``) instead of one for each plugin."""
    installed = plugin_installs.entry_points()
    claimed: dict[str, set[str]] = {}
    for plugin in installed:  # one per distribution: a copy found twice is one
        owner = plugin.distribution or "?"
        claimed.setdefault(plugin.name, set()).add(re.sub(r"[-_.]+", "-", owner).lower())
    for name, owners in claimed.items():
        if len(owners) > 1 and not pm.is_blocked(name):
            raise PluginError(
                f"the installed distributions {', '.join(sorted(owners))} each name their "
                f"plugin {name!r}, and only one of them would be loaded: uninstall one, or "
                f"block both with COMPLAINTKIT_DISABLE_PLUGINS={name}",
                [name],
            )
    builtins = {name for name, _ in pm.list_name_plugin()}
    for plugin in installed:
        if pm.is_blocked(plugin.name):
            continue
        if plugin.name in builtins:  # else passed over as a copy of one loaded
            source = "" if plugin.installed_by is None else f" (distribution {plugin.installed_by})"
            raise PluginError(
                f"plugin {plugin.name!r}{source} has the name of a built-in plugin, so it "
                "would not be loaded: rename its entry point, or block both with "
                f"COMPLAINTKIT_DISABLE_PLUGINS={plugin.name}",
                [plugin.name],
            )
        if pm.has_plugin(plugin.name):  # the same distribution found twice on sys.path
            continue
        try:  # sys.exit on import too: else every command ended there, exit code 0
            with contained():
                loaded = plugin_installs.load(plugin)
                first = pm.get_name(loaded)  # pluggy's refusal lists every plugin loaded
                if first is None:
                    pm.register(loaded, name=plugin.name)
        except Exception as exc:
            raise _unloadable(plugin.name, exc, plugin.installed_by) from exc
        if first is not None:
            source = "" if plugin.installed_by is None else f" (distribution {plugin.installed_by})"
            raise PluginError(
                f"plugin {plugin.name!r}{source} names what "
                f"plugin {first!r} already loaded, and one module or object is one plugin: "
                f"remove one of the entry points, or block it with "
                f"COMPLAINTKIT_DISABLE_PLUGINS={plugin.name}",
                [plugin.name],
            )


def _unloadable(name: str, exc: Exception, dist: str | None = None) -> PluginError:
    """The plugin, and the distribution that installed it (what to fix or reinstall)."""
    source = "" if dist is None else f" (distribution {dist})"
    fit = misfit(exc.plugin) if isinstance(exc, pluggy.PluginValidationError) else None
    return PluginError(
        f"plugin {name!r}{source} could not be loaded: "
        f"{fit or said(exc)}; fix or "
        f"reinstall it, or block it with COMPLAINTKIT_DISABLE_PLUGINS={name}",
        [name],
    )
