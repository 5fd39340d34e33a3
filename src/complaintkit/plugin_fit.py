"""Why a plugin's hook implementations do not fit complaintkit's hooks, in its words.

pluggy refuses an implementation of a hook it has no spec for (a misspelt name) and one
taking a parameter the spec does not have, in three lines about hookimpls and hookspecs
and a module's repr; a plugin author is told the function, what complaintkit calls it
with, and the hook a misspelt name meant.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

from complaintkit import hookspecs
from complaintkit.policy.typos import close_matches, osa_distance

#: Shortest hook name two slips are looked for in (``register_notifer``), as for policies.
_LONG = 8


def misfit(plugin: object) -> str | None:
    """What does not fit in ``plugin``'s first hook implementation that does not, else None;
    an implementation named otherwise implements the hook its ``specname`` says."""
    specs = {
        name: list(inspect.signature(spec).parameters)
        for name, spec in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(spec, f"{hookspecs.PROJECT}_spec")
    }
    for attribute in dir(plugin):
        function = getattr(plugin, attribute, None)
        options = getattr(function, f"{hookspecs.PROJECT}_impl", None)
        if not isinstance(options, dict) or not callable(function):
            continue
        name = options.get("specname") or attribute  # the hook it implements
        shown = name if name == attribute else f"{attribute} (specname={name!r})"
        if name not in specs:
            if options.get("optionalhook") and slip_of(name) is None:
                continue  # another plugin's hook, maybe not installed
            meant = close_matches(name, list(specs), n=1)
            return f"it implements {shown}, which is no complaintkit hook: " + (
                f"did you mean {meant[0]}?" if meant else f"the hooks are {', '.join(specs)}"
            )
        taken = _required(function)
        if unknown := [parameter for parameter in taken if parameter not in specs[name]]:
            return (
                f"its {attribute}({', '.join(taken)}) takes {', '.join(unknown)}, which "
                f"complaintkit never passes: {name} is called with {', '.join(specs[name])}, "
                "and an implementation may take any of them"
            )
    return None


def slip_of(name: str) -> str | None:
    """The complaintkit hook ``name`` is a slip of (a letter or two off), else None: an
    ``optionalhook`` so near one is no other plugin's hook but a misspelt complaintkit one."""
    most = 2 if len(name) >= _LONG else 1
    near = sorted((osa_distance(name, hook), hook) for hook in _hook_names())
    return next((hook for edits, hook in near if 0 < edits <= most), None)


def _hook_names() -> list[str]:
    return [
        name
        for name, spec in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(spec, f"{hookspecs.PROJECT}_spec")
    ]


def _required(function: Callable[..., object]) -> list[str]:
    """The parameters pluggy fills by name: those without a default (``self`` is bound)."""
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return []
    return [p.name for p in parameters if p.default is p.empty and p.kind != p.VAR_KEYWORD]
