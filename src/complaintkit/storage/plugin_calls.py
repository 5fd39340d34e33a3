"""A storage backend's bug stays a bug of that backend: it never ends the process, and the
error it raises names it.

``SystemExit`` (a ``sys.exit`` in a plugin's ``intake_many``) and any other
``BaseException`` but ``KeyboardInterrupt`` passed every seam: ``complaintkit intake``
ended with exit code 0 part of the way through, and a delivery loop stopped. An ordinary
exception that is no complaintkit error (a ``RuntimeError`` at commit, a driver's own)
reached the user as itself: a traceback, or a dead letter's "could not be taken in:
RuntimeError: …", naming no backend. Every method of the ``Storage`` API of a backend
defined outside complaintkit, and the context managers it returns (``transaction``,
``claim_due``, ``hold_outbox``), turn either into a ``PluginError`` naming the plugin and
the method, which each caller handles as any failing store: the transaction is undone, a
complaint it could not store is a dead letter, the run ends with exit code 1, a looping
worker tries again; while the backend's own code runs around the call (a block of its
``transaction``, a method calling another) it gets its exception as raised, to turn a
driver's error into a ``StorageError``, and the ``PluginError`` is raised as it leaves that
code. The complaintkit errors a backend raises as its contract says
(``Conflict``, ``NotFound``, ``StorageError``…) pass unchanged; Ctrl-C (a
``KeyboardInterrupt`` on the main thread) still stops everything, and an exception the
caller's own ``with`` block raised passes through a returned context manager untouched.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import threading
import weakref
from collections.abc import Callable, Iterable, Mapping
from types import TracebackType
from typing import Any

from complaintkit.errors import ComplaintkitError, PluginError
from complaintkit.plugin_exit import ctrl_c
from complaintkit.plugin_said import said, shown
from complaintkit.storage.answer_shapes import misshapen

#: The plugin each opened backend came from (``Plugins.open_storage`` says so).
_PLUGINS: weakref.WeakKeyDictionary[object, str] = weakref.WeakKeyDictionary()

#: The wrappers made here, so a subclass's inherited ones are not wrapped again.
_CONTAINED: set[Callable[..., Any]] = set()


def opened_by(storage: object, plugin: str) -> None:
    """Remember that ``plugin`` opened ``storage``, for the errors naming it."""
    with contextlib.suppress(TypeError):  # no weak reference or hash: named by its class
        _PLUGINS[storage] = plugin


def _backend(storage: object) -> tuple[str, list[str]]:
    """The backend in words, and the plugin that opened it (if known) as a list."""
    try:
        plugin: str | None = _PLUGINS.get(storage)
    except TypeError:
        plugin = None
    backend = type(storage)
    who = f"storage backend {backend.__qualname__} ({backend.__module__})"
    who += f" of plugin {plugin!r}" if plugin is not None else ""
    return who, [plugin] if plugin is not None else []


def _misshapen(storage: object, method: str, answer: object, wanted: str) -> PluginError:
    who, plugins = _backend(storage)
    got = "None" if answer is None else f"a {type(answer).__name__}"
    if isinstance(answer, tuple):
        got = f"({', '.join('None' if a is None else type(a).__name__ for a in answer)})"
    return PluginError(f"{who} answered {method} with {got}, not {wanted}", plugins, of_store=True)


def _plugin_error(storage: object, method: str, error: BaseException) -> PluginError:
    who, plugins = _backend(storage)
    if isinstance(error, SystemExit):
        what = f"called sys.exit({shown(error.code)})"
    else:
        what = f"raised {said(error)}"
    message = f"{who} {what} in {method}"
    if not isinstance(error, Exception):
        message += "; a plugin fails by raising an exception, never by ending the process"
    return PluginError(message, plugins, of_store=True)


def _passes(error: BaseException) -> bool:
    """Whether ``error`` leaves a backend's method as it is: a complaintkit error (its
    contract's ``Conflict``, ``NotFound``, ``StorageError``…), or Ctrl-C."""
    return isinstance(error, ComplaintkitError) or ctrl_c(error)


#: The attribute naming the method an exception left while the backend's own code was
#: still running around it, to be named when it leaves that code.
_RAISED_IN = "__complaintkit_storage_method__"


class _Running(threading.local):
    """The stores whose code this thread is in: a method of theirs, or a block of a
    context manager they returned, innermost last (by ``id``)."""

    def __init__(self) -> None:
        self.stores: list[int] = []

    def leave(self, storage: object) -> bool:
        """Leave ``storage``'s innermost call or block; whether its code still runs around."""
        if id(storage) in self.stores:  # a block ended on another thread was never here
            del self.stores[len(self.stores) - 1 - self.stores[::-1].index(id(storage))]
        return id(storage) in self.stores


_RUNNING = _Running()


def _failed(storage: object, method: str, error: BaseException, around: bool) -> BaseException:
    """What leaves ``method`` that raised ``error``: itself while the backend's own code runs
    around the call (a block of its ``transaction`` may turn its driver's error into a
    ``StorageError``), else the ``PluginError`` naming the method that raised it first."""
    if around and isinstance(error, Exception):
        if not hasattr(error, _RAISED_IN):
            with contextlib.suppress(AttributeError, TypeError):
                setattr(error, _RAISED_IN, method)
        return error
    return _plugin_error(storage, getattr(error, _RAISED_IN, method), error)


class _ContainedContext:
    """A backend's context manager whose own code is contained; the caller's is not."""

    def __init__(self, storage: object, method: str, inner: Any) -> None:
        self._storage, self._method, self._inner = storage, method, inner

    def __getattr__(self, name: str) -> Any:  # what else the returned object offers
        return getattr(self._inner, name)

    def __enter__(self) -> Any:
        _RUNNING.stores.append(id(self._storage))
        try:
            return self._inner.__enter__()
        except BaseException as exc:
            around = _RUNNING.leave(self._storage)
            if _passes(exc):
                raise
            failure = _failed(self._storage, self._method, exc, around)
            if failure is exc:
                raise
            raise failure from exc

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool | None:
        try:  # its code ending the block runs inside it, around what the block raised
            answer: bool | None = self._inner.__exit__(kind, error, traceback)
        except BaseException as exc:
            around = _RUNNING.leave(self._storage)
            ours_raised = exc is not error or hasattr(exc, _RAISED_IN)
            if _passes(exc) or not ours_raised:  # the caller's own, given back
                raise
            failure = _failed(self._storage, self._method, exc, around)
            if failure is exc:
                raise
            raise failure from exc
        around = _RUNNING.leave(self._storage)
        if not answer and error is not None and hasattr(error, _RAISED_IN):
            failure = _failed(self._storage, self._method, error, around)
            if failure is not error:  # one of its methods raised it in the block
                raise failure from error
        return answer


def _contained(method: Callable[..., Any], name: str, hint: Any) -> Callable[..., Any]:
    @functools.wraps(method)
    def contained(self: object, *args: Any, **kwargs: Any) -> Any:
        _RUNNING.stores.append(id(self))
        try:
            answer = method(self, *args, **kwargs)
        except BaseException as exc:
            around = _RUNNING.leave(self)
            if _passes(exc):
                raise
            failure = _failed(self, name, exc, around)
            if failure is exc:
                raise
            raise failure from exc
        around = _RUNNING.leave(self)  # its own code may take what it answers itself
        if not around and hint is not None and (wanted := misshapen(answer, hint)) is not None:
            raise _misshapen(self, name, answer, wanted)
        if hasattr(answer, "__enter__") and hasattr(answer, "__exit__"):
            return _ContainedContext(self, name, answer)
        return answer

    _CONTAINED.add(contained)
    return contained


def ours(cls: type) -> bool:
    """Whether ``cls`` is complaintkit's, not a plugin's."""
    return cls.__module__.split(".")[0] == "complaintkit"


def written_in(cls: type, name: str) -> type | None:
    """The class of ``cls``'s MRO whose body holds ``name``; None if none does."""
    return next((k for k in cls.__mro__ if name in vars(k)), None)


def contain_methods(
    cls: type, names: Iterable[str], answers: Mapping[str, Any]
) -> list[tuple[Callable[..., Any], Callable[..., Any]]]:
    """Wrap ``cls``'s methods ``names`` when ``cls`` is a plugin's (defined outside
    complaintkit): its own and those it inherits from another plugin class, never
    complaintkit's (a mixin's copy of a default would hide another mixin's implementation);
    the (old, new) pairs wrapped. Each answer leaving the backend is held to its hint in
    ``answers`` (``answer_shapes``)."""
    if ours(cls):
        return []
    wrapped: list[tuple[Callable[..., Any], Callable[..., Any]]] = []
    for name in names:
        owner = written_in(cls, name)
        if owner is None or ours(owner):
            continue
        method = inspect.getattr_static(cls, name, None)
        abstract = getattr(method, "__isabstractmethod__", False)
        if inspect.isfunction(method) and not abstract and method not in _CONTAINED:
            new = _contained(method, name, answers.get(name))
            setattr(cls, name, new)
            wrapped.append((method, new))
    return wrapped
