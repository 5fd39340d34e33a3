"""Building the plugin manager and the small typed facade core code calls.

``plugin_manager()`` registers the hookspecs, the built-in plugins (``DEFAULT_PLUGINS``)
and, unless told not to, every plugin in the ``complaintkit`` entry-point group. Two
environment variables steer it:

* ``COMPLAINTKIT_DISABLE_PLUGINS`` — comma-separated plugin names to block
  (``plugin_blocks``: an entry naming no plugin is warned of);
* ``COMPLAINTKIT_TRACE_PLUGINS=1`` — print every hook call to stderr.

Every hook is called through pluggy (``pm.hook`` or a subset of it), so implementations
see pluggy's ordering (``tryfirst``/``trylast``, wrappers), argument pruning and tracing.
"""

from __future__ import annotations

import inspect
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from types import CodeType
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

import click
import pluggy

from complaintkit import hookspecs, plugin_entrypoints, plugin_installs
from complaintkit.builtin import lifecycle
from complaintkit.errors import (
    BadStorageURL,
    ComplaintkitError,
    ConfigError,
    PluginError,
)
from complaintkit.model.case import Case
from complaintkit.model.complaint import Complaint
from complaintkit.model.events import CaseEvent
from complaintkit.options import build
from complaintkit.passwords import without_password
from complaintkit.plugin_blocks import blocked_names
from complaintkit.plugin_case_events import OWN_CASE_EVENT_KINDS, KeptCalls, code_of, tell, wraps
from complaintkit.plugin_exit import contained
from complaintkit.plugin_said import said
from complaintkit.plugin_slow import SlowHooks, slow_hooks_from
from complaintkit.policy.document import names_a_path
from complaintkit.registry import HookRegister, Registered, Registry, refuse_from_wrapper
from complaintkit.storage.base import Storage
from complaintkit.storage.plugin_calls import opened_by

if TYPE_CHECKING:
    from complaintkit.desk.context import PluginContext

#: Built-in features, registered through the same hooks as third-party plugins.
DEFAULT_PLUGINS: tuple[str, ...] = (
    "complaintkit.builtin.storage",
    "complaintkit.builtin.commands",
    "complaintkit.builtin.channels",
    "complaintkit.builtin.notifiers",
    "complaintkit.builtin.operators",
    "complaintkit.builtin.formulas",
    "complaintkit.builtin.lifecycle",
    "complaintkit.desk.batches",
)

T = TypeVar("T")

#: What a dead letter's source starts with when complaintkit, not a channel, kept it:
#: ``complaint:`` (refused by the Desk), ``http:`` (the API), ``notify:`` (a delivery).
#: ``dead-letters retry`` reads those itself, so no channel may be named so.
RESERVED_CHANNEL_NAMES = frozenset({"complaint", "http", "notify"})

#: A URL scheme as ``urlsplit`` reads one (RFC 3986, lowercased).
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*")


def plugin_manager(*, load_entrypoints: bool = True) -> pluggy.PluginManager:
    """A plugin manager with complaintkit's hooks, built-ins and (optionally) entry points."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    for name in blocked_names():
        pm.set_blocked(name)
    for module_name in DEFAULT_PLUGINS:
        if not pm.is_blocked(module_name):
            module = __import__(module_name, fromlist=["_"])
            pm.register(module, name=module_name)
    if load_entrypoints:
        plugin_entrypoints.load(pm)
    plugin_entrypoints.check_pending(pm)
    if os.environ.get("COMPLAINTKIT_TRACE_PLUGINS") == "1":
        pm.trace.root.setwriter(sys.stderr.write)
        pm.enable_tracing()
    return pm


def _provide(
    hook: pluggy.HookCaller,
    hook_name: str,
    registry: Registry[Any],
    plugin: str,
    wrappers: Mapping[CodeType | None, str],
) -> None:
    """Call one provider hook, adding what it provides to ``registry`` under ``plugin``.

    A provider that registered nothing but returned something meant it as what it provides
    (as pluggy's own hooks do): complaintkit ignores return values, so that is refused.
    ``wrappers`` (the code of the hook's ``wrapper=True`` implementations, by plugin) run
    around the call and may not register."""
    before = len(registry)
    if hook_name != "register_commands":
        register = HookRegister(registry, plugin, hook_name, wrappers)
        try:
            results = hook(register=register)
        finally:
            register.closed = True
        how = "call register(name, obj) for each thing it provides"
    else:
        group = _ProvidedCommands(wrappers)
        results = hook(cli=group)
        how = "add each command with cli.add_command(...)"
        for name, command in group.commands.items():
            if not isinstance(command, click.Command):
                raise PluginError(
                    f"plugin {plugin!r} added {name!r} in {hook_name} as a "
                    f"{type(command).__name__}, not a click command",
                    [plugin],
                )
            registry.add(plugin, name, command)
    returned = [result for result in results if result is not None]
    if plugin and returned and len(registry) == before:
        raise PluginError(
            f"plugin {plugin!r} returned a {type(returned[0]).__name__} from {hook_name} and "
            f"registered nothing; complaintkit ignores what that hook returns: {how}",
            [plugin],
        )


class _ProvidedCommands(click.Group):
    """The group ``register_commands`` is handed; its wrappers may not add to it."""

    def __init__(self, wrappers: Mapping[CodeType | None, str]) -> None:
        super().__init__()
        self.wrappers = wrappers

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        shown = name or getattr(cmd, "name", None)
        refuse_from_wrapper(self.wrappers, "register_commands", f"cli.add_command({shown!r})")
        super().add_command(cmd, name)


def _built(item: Registered[Any], hook_name: str, make: Callable[[], T], who: str) -> T:
    """``make()``, building what ``item`` registered. What complaintkit's own errors say
    (a bad option, a server that is down) stands; any other failure is the plugin's bug, a
    ``PluginError`` naming it (``who``: with the distribution that installed it, what to
    fix or reinstall) and its hook instead of a traceback."""
    try:
        with contained():
            return make()
    except ComplaintkitError:
        raise
    except Exception as exc:
        raise PluginError(
            f"{item.name!r} of plugin {who} ({hook_name}) could not be built: {said(exc)}",
            [item.plugin],
        ) from exc


def _having(made: T, method: str, item: Registered[Any], hook_name: str, who: str) -> T:
    """``made``, if it has the ``method`` complaintkit will call, and each method
    complaintkit calls on it is synchronous (never awaited, a message would count as sent)
    and takes what it is called with (a ``send(to, subject, body)`` failed every attempt,
    retried for hours); else a ``PluginError``."""
    if not callable(getattr(made, method, None)):
        raise PluginError(
            f"{item.name!r} of plugin {who} ({hook_name}) built a "
            f"{type(made).__name__}, which has no {method}() method",
            [item.plugin],
        )
    for name in (method, *_ALSO_CALLED):
        function = getattr(made, name, None)
        yields = name != "read" and inspect.isgeneratorfunction(function)  # read may yield
        if _is_async(function) or yields:
            how = "is a generator (it yields)" if yields else "is async"
            raise PluginError(
                f"{item.name!r} of plugin {who} ({hook_name}) has a {name}() that "
                f"{how}; complaintkit calls it and goes on, so its body would never run",
                [item.plugin],
            )
    for name, arguments in _CALLED_WITH[method].items():
        function = getattr(made, name, None)
        if callable(function) and not _takes(function, arguments):
            raise PluginError(
                f"{item.name!r} of plugin {who} ({hook_name}) has "
                f"{name}{_signature(function)}, but complaintkit calls "
                f"{name}({', '.join(arguments)})",
                [item.plugin],
            )
    return made


#: Optional methods complaintkit calls on channels and notifiers.
_ALSO_CALLED = ("acknowledge", "publish", "publish_many", "message_id")

#: What complaintkit passes, positionally, to each method it calls, by the required method.
_CALLED_WITH: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "read": {"read": ("source",), "acknowledge": ("records",)},
    "send": {
        "send": ("message",),
        "publish": ("event", "delivery_id"),
        "publish_many": ("items",),
        "message_id": ("delivery_id",),
    },
}


def _takes(function: Callable[..., Any], arguments: tuple[str, ...]) -> bool:
    """Whether ``function`` can be called with as many positional arguments."""
    try:
        inspect.signature(function).bind(*arguments)
    except ValueError:  # no signature to read (a builtin): trust it
        return True
    except TypeError:
        return False
    return True


def _signature(function: Callable[..., Any]) -> str:
    return str(inspect.signature(function))


def _is_async(function: object) -> bool:
    return inspect.iscoroutinefunction(function) or inspect.isasyncgenfunction(function)


def _refuse_never_run(pm: pluggy.PluginManager) -> None:
    """Implementations pluggy would call without running their body: an async one
    (hooks are called synchronously), or a generator not marked as a wrapper (calling it
    only makes a generator, which pluggy takes as its answer)."""
    for caller in vars(pm.hook).values():
        for impl in caller.get_hookimpls() if isinstance(caller, pluggy.HookCaller) else ():
            if _is_async(impl.function):
                raise PluginError(
                    f"plugin {impl.plugin_name!r} implements {caller.name} as async; "
                    "complaintkit calls hooks synchronously, so it would never run",
                    [impl.plugin_name],
                )
            wrapper = impl.wrapper or impl.hookwrapper
            if inspect.isgeneratorfunction(impl.function) and not wrapper:
                raise PluginError(
                    f"plugin {impl.plugin_name!r} implements {caller.name} as a generator "
                    "(it yields) without wrapper=True, so its body would never run: mark it "
                    "@complaintkit.hookimpl(wrapper=True), or return instead of yielding",
                    [impl.plugin_name],
                )


def _refuse_unmarked(pm: pluggy.PluginManager) -> None:
    """A function named like a hook but not marked ``@complaintkit.hookimpl`` is passed
    over by pluggy without a word: the plugin's feature would silently not be there."""
    for name, plugin in pm.list_name_plugin():
        if plugin is None:  # blocked
            continue
        for hook_name, caller in vars(pm.hook).items():
            if not isinstance(caller, pluggy.HookCaller) or not caller.has_spec():
                continue
            if not callable(inspect.getattr_static(plugin, hook_name, None)):
                continue
            if not any(impl.plugin is plugin for impl in caller.get_hookimpls()):
                raise PluginError(
                    f"plugin {name!r} defines {hook_name} without @complaintkit.hookimpl, "
                    "so complaintkit never calls it: decorate it, or rename it if it is no hook",
                    [name],
                )


def _refuse_unhashable(pm: pluggy.PluginManager) -> None:
    """A plugin object implementing a hook that cannot be hashed (a ``@dataclass``, which
    compares by value, or one whose ``__hash__`` raises): pluggy registers it, but the
    one-plugin-at-a-time calls (each provider credited with what it registers, each
    classifier asked in turn) go through ``subset_hook_caller``, which hashes every
    implementing plugin, and so failed as if the plugin's own hook had."""
    for name, plugin in pm.list_name_plugin():
        if plugin is None or not pm.get_hookcallers(plugin):
            continue
        try:
            with contained():  # its own __hash__ may raise anything, or exit
                hash(plugin)
        except TypeError:
            raise PluginError(
                f"plugin {name!r} is a {type(plugin).__name__} object that cannot be hashed "
                "(a @dataclass compares by value, and so has no hash), and complaintkit "
                "calls each plugin's hooks by the object: write @dataclass(eq=False) or "
                "@dataclass(frozen=True), or register a module",
                [name],
            ) from None
        except Exception as exc:
            raise PluginError(
                f"plugin {name!r} is a {type(plugin).__name__} object that cannot be hashed "
                f"(its __hash__ raised {said(exc)}), and complaintkit calls each plugin's "
                "hooks by the object: fix its __hash__, or remove it to hash by identity",
                [name],
            ) from exc


def _refuse_classes(pm: pluggy.PluginManager) -> None:
    """A plugin that is a class whose hooks are plain methods (an entry point naming
    ``acme.plugin:AcmePlugin`` instead of an instance of it): pluggy leaves ``self`` out
    of what it passes, so every hook failed as it was called, the first argument missing."""
    for name, plugin in pm.list_name_plugin():
        if not inspect.isclass(plugin):
            continue
        for caller in pm.get_hookcallers(plugin) or ():
            if inspect.isfunction(inspect.getattr_static(plugin, caller.name, None)):
                source = plugin_installs.installed_by(plugin)
                raise PluginError(
                    f"plugin {name!r}{'' if source is None else f' (distribution {source})'} "
                    f"is the class {plugin.__name__}, whose {caller.name} takes self, so "
                    f"complaintkit could never call it: register an instance, "
                    f"{plugin.__name__}() (in an entry point, name a module-level "
                    f"plugin = {plugin.__name__}()), or make the hooks static methods",
                    [name],
                )


class Plugins:
    """What core code calls instead of ``pm.hook.x(**kw)``: typed, validated, cached.
    A hook call taking ``slow_hooks.seconds`` or more is logged naming the plugin."""

    def __init__(
        self, pm: pluggy.PluginManager | None = None, *, slow_hooks: SlowHooks | None = None
    ) -> None:
        self.slow_hooks = slow_hooks if slow_hooks is not None else slow_hooks_from()
        self.pm = pm if pm is not None else plugin_manager()
        plugin_entrypoints.check_pending(self.pm)  # plugins the application registered itself, too
        _refuse_never_run(self.pm)
        _refuse_unmarked(self.pm)
        _refuse_unhashable(self.pm)
        _refuse_classes(self.pm)
        self._case_event_calls = KeptCalls(self.pm)

    def _collect(self, hook_name: str, kind: str) -> Registry[Any]:
        """Call a provider hook plugin by plugin, in pluggy's call order, so each
        registration is credited to the plugin that made it; the hook's ``wrapper=True``
        implementations run around each of those calls (left out, they never ran)."""
        registry: Registry[Any] = Registry(kind, self._with_distribution)
        impls = list(reversed(getattr(self.pm.hook, hook_name).get_hookimpls()))
        providers = [impl for impl in impls if not wraps(impl)]
        wrappers = {code_of(impl): impl.plugin_name for impl in impls if wraps(impl)}
        if not providers:  # still one call, so tracing and monitoring see it
            _provide(getattr(self.pm.hook, hook_name), hook_name, registry, "", wrappers)
        for impl in providers:
            others = [other.plugin for other in providers if other.plugin is not impl.plugin]
            hook = self.pm.subset_hook_caller(hook_name, remove_plugins=others)
            started = self.slow_hooks.timer()
            try:
                with contained():
                    _provide(hook, hook_name, registry, impl.plugin_name, wrappers)
            except PluginError:
                raise
            except Exception as exc:
                called = hook.get_hookimpls()  # the provider and the wrappers around it
                found = lifecycle.culprit(called, exc)
                name = found if found in {i.plugin_name for i in called} else impl.plugin_name
                raise PluginError(
                    f"plugin {self._with_distribution(name)} failed in {hook_name}: {said(exc)}",
                    [name],
                ) from exc
            if (took := self.slow_hooks.timer() - started) >= self.slow_hooks.seconds:
                self.slow_hooks.took(hook_name, hook.get_hookimpls(), took)
        return registry

    def _with_distribution(self, name: str) -> str:
        """``'acme' (distribution complaintkit-acme 1.2.0)``, or ``'acme'`` for a plugin no
        distribution installed (a built-in, one the application registered)."""
        installed = plugin_installs.installed_by(self.pm.get_plugin(name))
        return f"{name!r}" if installed is None else f"{name!r} (distribution {installed})"

    @cached_property
    def storage_backends(self) -> Registry[Callable[[str], Storage]]:
        registry: Registry[Callable[[str], Storage]] = self._collect(
            "register_storage", "storage backend"
        )
        for item in registry.values():  # urlsplit lowercases a scheme, and finds none in my_db:
            if not _SCHEME.fullmatch(item.name):
                raise PluginError(
                    f"plugin {item.plugin!r} registered a storage backend named {item.name!r} "
                    "(register_storage), which no URL can name: a scheme is a lowercase "
                    "letter, then lowercase letters, digits, '+', '-' or '.'",
                    [item.plugin],
                )
        return registry

    @cached_property
    def channels(self) -> Registry[Callable[..., Any]]:
        registry: Registry[Callable[..., Any]] = self._collect("register_channels", "channel")
        for item in registry.values():
            if item.name in RESERVED_CHANNEL_NAMES or ":" in item.name:
                raise PluginError(
                    f"plugin {item.plugin!r} registered a channel named {item.name!r} "
                    f"(register_channels); a dead letter's source is <channel>:<where>, and "
                    f"{', '.join(sorted(RESERVED_CHANNEL_NAMES))} name complaintkit's own "
                    "letters: choose a name without ':' that is none of them",
                    [item.plugin],
                )
        return registry

    @cached_property
    def notifiers(self) -> Registry[Callable[..., Any]]:
        return self._collect("register_notifiers", "notifier")

    @cached_property
    def operators(self) -> Registry[Any]:
        """Operator factories, or ``(factory, expects)`` pairs, as plugins registered them."""
        return self._collect("register_operators", "condition operator")

    @cached_property
    def formulas(self) -> Registry[Callable[..., Any]]:
        """Compensation formulas, the built-ins (``complaintkit.builtin.formulas``) included."""
        return self._collect("register_formulas", "compensation formula")

    @cached_property
    def policy_packs(self) -> Registry[Any]:
        registry: Registry[Any] = self._collect("register_policy_packs", "policy pack")
        for item in registry.values():  # else the pack is silently out of every policy's reach
            if names_a_path(item.name) or "://" in item.name:
                raise PluginError(
                    f"plugin {item.plugin!r} registered a policy pack named {item.name!r} "
                    "(register_policy_packs), which no extends: can name: it reads a name "
                    "starting with '.' or '/', or ending in .yaml, .yml, .toml or .json, as a "
                    "file's path, and refuses a URL: name it as packs are named, e.g. acme/base",
                    [item.plugin],
                )
        return registry

    @cached_property
    def commands(self) -> Registry[click.Command]:
        """CLI commands by name; ``build_cli`` adds them to the ``complaintkit`` group."""
        return self._collect("register_commands", "command")

    def channel(self, name: str, options: Mapping[str, Any], context: PluginContext) -> Any:
        """The channel ``name`` built with ``options``; a bad option is a ``ConfigError``."""
        item = self._registered(self.channels, name)
        what = f"channel {name!r}"
        who = self._with_distribution(item.plugin)
        channel = _built(
            item, "register_channels", lambda: build(item.value, options, context, what), who
        )
        return _having(channel, "read", item, "register_channels", who)

    def notifier(self, name: str, options: Mapping[str, Any], context: PluginContext | None) -> Any:
        """The notifier ``name`` built with ``options``; a bad option is a ``ConfigError``."""
        item = self._registered(self.notifiers, name)
        what = f"notifier {name!r}"
        who = self._with_distribution(item.plugin)
        made = _built(
            item, "register_notifiers", lambda: build(item.value, options, context, what), who
        )
        return _having(made, "send", item, "register_notifiers", who)

    def open_storage(self, url: str, *, read_only: bool = False) -> Storage:
        """Open the backend registered for ``url``'s scheme (``sqlite:///cases.db``);
        ``read_only`` for a command that only reads, through the backend's ``reading(url)``
        when it has one (it then neither migrates nor writes), else as usual."""
        item = self._storage_backend(url)
        scheme = item.name
        opener = getattr(item.value, "reading", None) if read_only else None
        opens = opener if callable(opener) else item.value
        storage = _built(
            item, "register_storage", lambda: opens(url), self._with_distribution(item.plugin)
        )
        if not isinstance(storage, Storage):
            raise PluginError(
                f"storage backend {scheme!r} of plugin {item.plugin!r} (register_storage) "
                f"opened a {type(storage).__name__}, not a complaintkit Storage",
                [item.plugin],
            )
        opened_by(storage, item.plugin)
        return storage

    def version_reader(self, url: str) -> Callable[[], int | None] | None:
        """How to ask the store at ``url`` its schema version without writing, through the
        backend's ``stored_version(url)`` (None: nothing there; 0: an empty one no migration
        has run on); None when the backend has no such method and cannot say."""
        item = self._storage_backend(url)
        ask = getattr(item.value, "stored_version", None)
        if not callable(ask):
            return None

        def read() -> int | None:
            version = _built(
                item, "register_storage", lambda: ask(url), self._with_distribution(item.plugin)
            )
            if version is not None and (type(version) is not int or version < 0):
                raise PluginError(
                    f"storage backend {item.name!r} of plugin {item.plugin!r} "
                    f"(register_storage) answered stored_version with {version!r}, not a "
                    "schema version (a whole number from 0) or None",
                    [item.plugin],
                )
            return version

        return read

    def _storage_backend(self, url: str) -> Registered[Callable[[str], Storage]]:
        """The backend registered for ``url``'s scheme, or a ``BadStorageURL``."""
        try:
            scheme = urlsplit(url).scheme
        except ValueError as exc:  # an unclosed [ of an IPv6 host, a bad port
            raise BadStorageURL(f"{without_password(url)!r} is not a storage URL ({exc})") from None
        if not scheme:
            raise BadStorageURL(
                f"{without_password(url)!r} is not a storage URL; write e.g. sqlite:///cases.db or memory:"
            )
        try:
            return self._registered(self.storage_backends, scheme)
        except ConfigError as exc:  # no backend of that name
            raise BadStorageURL(f"{without_password(url)!r}: {exc}") from None

    @staticmethod
    def _registered(registry: Registry[T], name: str) -> Registered[T]:
        registry.get_value(name)  # a ConfigError listing what exists when nothing is
        return registry[name]

    def classify_complaint(
        self, complaint: Complaint, proposed: dict[str, Any]
    ) -> dict[str, Any] | None:
        slow = self.slow_hooks
        started = slow.timer()
        try:
            with contained():
                result: dict[str, Any] | None = self.pm.hook.classify_complaint(
                    complaint=complaint, proposed=proposed
                )
        finally:
            if (took := slow.timer() - started) >= slow.seconds:
                slow.took(
                    "classify_complaint", self.pm.hook.classify_complaint.get_hookimpls(), took
                )
        return result

    def implementers(self, hook_name: str) -> list[str]:
        """The names of the plugins implementing ``hook_name``, in call order."""
        caller = getattr(self.pm.hook, hook_name)
        return [impl.plugin_name for impl in reversed(caller.get_hookimpls())]

    def case_events(self, events: Sequence[CaseEvent], case: Case, context: PluginContext) -> None:
        """Tell every plugin of each of one change's events; ``complaintkit.builtin.lifecycle``
        wraps each call so a failing plugin is logged and never undoes the stored event. A
        plugin's wrapper ordered outside that one is caught here, for the same reason. An
        event only the default plugins would hear, and they do nothing with
        (``OWN_CASE_EVENT_KINDS``; the batch watcher nothing under a policy without batch
        rules), is not passed to pluggy (a change of no other event is not told:
        ``KeptCalls.none``), nor seen by its hook-call monitors. The implementations
        are looked up once for the change, not per event (most events reach no plugin).
        Each plugin is told of each event in a call of its own, with its own copy of the
        event and the case (``complaintkit.model.detached``): changing them changes neither
        the Desk's case, which its caller gets, nor what the next event or the next plugin is
        told; and a plugin that fails keeps no plugin after it from being told.
        A change made from ``case_event`` calls nested too deep (``lifecycle.telling``: a
        plugin answering its own changes loops) is told to the default plugins only: what
        they change is nothing they act on, and the batch watcher must count every case.
        Such a change is told after the rest of the change being told (``lifecycle.in_order``)."""
        impls = self.pm.hook.case_event.get_hookimpls()
        if self._case_event_calls.none(impls, events, context):
            return
        with lifecycle.telling(case.id, impls, OWN_CASE_EVENT_KINDS) as told_at_all:
            told = [i for i in impls if told_at_all or i.plugin_name in OWN_CASE_EVENT_KINDS]
            calls = self._case_event_calls(told, impls)
            lifecycle.in_order(lambda: tell(calls, events, case, context, self.slow_hooks))

    def describe(self) -> list[dict[str, Any]]:
        """Each loaded plugin with the hooks it implements and what it registered."""
        provided: dict[str, list[str]] = {}
        for registry in (
            self.storage_backends,
            self.channels,
            self.notifiers,
            self.operators,
            self.formulas,
            self.policy_packs,
            self.commands,
        ):
            for item in registry.values():
                provided.setdefault(item.plugin, []).append(f"{registry.kind} {item.name}")
        described = []
        for name, plugin in sorted(self.pm.list_name_plugin(), key=lambda item: item[0]):
            if plugin is None:
                continue
            hooks = sorted(h.name for h in self.pm.get_hookcallers(plugin) or ())
            described.append(
                {
                    "name": name,
                    "hooks": hooks,
                    "provides": provided.get(name, []),
                    "distribution": plugin_installs.installed_by(plugin),
                }
            )
        return described
