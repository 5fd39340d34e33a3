"""What provider hooks register: names to things, each credited to its plugin.

A ``Registry`` refuses a name that is no text, empty, spaced, holding a character a
terminal acts on or draws nothing for, or registered twice, naming the plugins; a
``HookRegister`` is the callback one provider hook is handed, open while it runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from types import CodeType, FrameType
from typing import Any, Generic, TypeVar

import attrs

from complaintkit.errors import ConfigError, PluginError
from complaintkit.plugin_said import shown
from complaintkit.visible import shown as escaped

T = TypeVar("T")


@attrs.frozen
class Registered(Generic[T]):
    """One named thing a plugin registered, with the plugin it came from."""

    name: str
    plugin: str
    value: T


class Registry(Mapping[str, Registered[T]]):
    """Names → registered things for one provider hook; duplicates are refused."""

    def __init__(self, kind: str, plugin_named: Callable[[str], str] = repr) -> None:
        self.kind = kind
        self._plugin_named = plugin_named  # as a clash names a plugin: with its distribution
        self._items: dict[str, Registered[T]] = {}

    def add(self, plugin: str, name: object, value: T) -> None:
        if not isinstance(name, str):
            named = f"{shown(name, 100)} ({type(name).__name__})"
            raise PluginError(
                f"plugin {plugin!r} registered the {self.kind} name {named}; a name is text",
                [plugin],
            )
        name = str.__str__(name)  # plain text: a subclass's own strip, hash or repr is not run
        if not name:
            raise PluginError(f"plugin {plugin!r} registered a {self.kind} with no name", [plugin])
        if name != name.strip():  # policies, options and URLs drop them: none could name it
            raise PluginError(
                f"plugin {plugin!r} registered the {self.kind} name {name!r}, with spaces "
                f"around it that no policy or option keeps: register {name.strip()!r}"
                if name.strip()
                else f"plugin {plugin!r} registered the {self.kind} name {name!r}, which is blank",
                [plugin],
            )
        if (seen := escaped(name, lines=False, invisible=True)) != name:
            raise PluginError(  # the terminal would act on it, or draw nothing for it
                f"plugin {plugin!r} registered the {self.kind} name '{seen}', holding a "
                "control, line-breaking, bidi or invisible character that no policy or "
                f"option shows: register {_visible_part(name)!r}",
                [plugin],
            )
        if name in self._items:
            first = self._items[name].plugin
            if first == plugin:
                raise PluginError(
                    f"plugin {plugin!r} registered the {self.kind} {name!r} twice; "
                    "register each name once",
                    [plugin],
                )
            raise PluginError(
                f"{self.kind} {name!r} is registered by both {self._plugin_named(first)} and "
                f"{self._plugin_named(plugin)}; uninstall one, or block it with "
                f"COMPLAINTKIT_DISABLE_PLUGINS={plugin}",
                [first, plugin],
            )
        self._items[name] = Registered(name, plugin, value)

    def __getitem__(self, name: str) -> Registered[T]:
        return self._items[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def get_value(self, name: str) -> T:
        """The thing registered as ``name``, or a ``ConfigError`` listing what exists."""
        try:
            return self._items[name].value
        except KeyError:
            known = ", ".join(sorted(self._items)) or "none"
            raise ConfigError(f"no {self.kind} named {name!r}; available: {known}") from None


def _visible_part(name: str) -> str:
    """``name`` without the characters ``escaped`` shows as escapes."""
    return "".join(c for c in name if escaped(c, lines=False, invisible=True) == c)


class HookRegister:
    """The ``register`` a provider hook is handed, for the time of the call only: what a
    plugin registers is checked when its hook returns, so a call it makes later (a callback
    it kept) would skip those checks. The hook's ``wrapper=True`` implementations (their
    code in ``wrappers``, by plugin) are handed it too, as they run around each provider's
    call: what one registered was credited to that provider, once per provider."""

    def __init__(
        self,
        registry: Registry[Any],
        plugin: str,
        hook_name: str,
        wrappers: Mapping[CodeType | None, str] | None = None,
    ) -> None:
        self.registry = registry
        self.plugin = plugin
        self.hook_name = hook_name
        self.wrappers = wrappers or {}
        self.closed = False

    def __call__(self, name: object, value: Any) -> None:
        if self.closed:
            raise PluginError(
                f"plugin {self.plugin!r} called register({shown(name, 100)}, …) after its "
                f"{self.hook_name} hook returned; register everything while the hook runs",
                [self.plugin],
            )
        refuse_from_wrapper(self.wrappers, self.hook_name, f"register({shown(name, 100)}, …)")
        self.registry.add(self.plugin, name, value)


def refuse_from_wrapper(wrappers: Mapping[CodeType | None, str], hook_name: str, what: str) -> None:
    """A ``PluginError`` if one of a provider hook's ``wrappers`` (their code, by plugin) is
    running on this thread's stack, doing ``what``: a provider runs with none on the stack,
    its wrappers suspended at their ``yield``."""
    frame: FrameType | None = sys._getframe(1) if wrappers else None
    while frame is not None:
        if (wrapper := wrappers.get(frame.f_code)) is not None:
            raise PluginError(
                f"plugin {wrapper!r} called {what} in its wrapper=True {hook_name}, which "
                "runs around each plugin's call of that hook: provide it from an "
                "implementation without wrapper=True",
                [wrapper],
            )
        frame = frame.f_back
