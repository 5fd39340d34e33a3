"""``COMPLAINTKIT_DISABLE_PLUGINS``: the plugins a user blocks, by name, separated by commas.

pluggy blocks any name it is given, so a misspelt one, or names run together with another
separator (``a;b``, ``a b``), blocked nothing and said nothing: the plugin meant stayed
loaded. ``unknown_blocked`` words the warning that names such entries and the plugins
there are.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

import pluggy

from complaintkit import plugin_installs
from complaintkit.brief import brief

VARIABLE = "COMPLAINTKIT_DISABLE_PLUGINS"

#: The most characters of the unknown entries quoted: a pasted file is no plugin list.
_NAMES_SHOWN = 300

#: What a user may have meant as a separator instead of a comma.
_OTHER_SEPARATOR = re.compile(r"[;:|\s]")


def blocked_names() -> list[str]:
    """The names the variable gives, in order, each stripped; blanks (``a,,b``) left out."""
    entries = os.environ.get(VARIABLE, "").split(",")
    return [name for name in (entry.strip() for entry in entries) if name]


def unknown_blocked(pm: pluggy.PluginManager, builtins: Iterable[str]) -> str | None:
    """A one-line warning naming the blocked entries that name no plugin (neither one of
    ``builtins``, one ``pm`` holds, nor one installed), or None when every entry names one."""
    names = blocked_names()
    if not names:
        return None
    known = {*builtins, *(plugin.name for plugin in plugin_installs.entry_points())}
    known |= {name for name, plugin in pm.list_name_plugin() if plugin is not None}
    unknown = [name for name in dict.fromkeys(names) if name not in known]
    if not unknown:
        return None
    separators = any(_OTHER_SEPARATOR.search(name) for name in unknown)
    return (
        f"{VARIABLE} names no plugin {brief(', '.join(map(repr, unknown)), _NAMES_SHOWN)}"
        + (" (separate plugin names with commas)" if separators else "")
        + f"; so nothing is blocked by it. The plugins are: {', '.join(sorted(known))}"
    )
