"""A storage backend's bug stays a bug of that backend: it never ends the process.

``SystemExit`` (a ``sys.exit`` in a plugin's ``intake_many``) and any other
``BaseException`` but ``KeyboardInterrupt`` passed every seam: ``complaintkit intake``
ended with exit code 0 part of the way through, and a delivery loop stopped. Every method
of the ``Storage`` API of a backend defined outside complaintkit, and the context managers
it returns (``transaction``, ``claim_due``, ``hold_outbox``), turn it into a
``PluginError`` naming the plugin and the method, which each caller handles as any failing
store: the transaction is undone, the run ends with exit code 1, a looping worker tries
again. Ctrl-C (a ``KeyboardInterrupt`` on the main thread) still stops everything, and an
exception the caller's own ``with`` block raised passes through a returned context manager
untouched.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import weakref
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any

from complaintkit.errors import PluginError
from complaintkit.plugin_exit import ctrl_c

#: The plugin each opened backend came from (``Plugins.open_storage`` says so).
_PLUGINS: weakref.WeakKeyDictionary[object, str] = weakref.WeakKeyDictionary()

#: The wrappers made here, so a subclass's inherited ones are not wrapped again.
_CONTAINED: set[Callable[..., Any]] = set()


def opened_by(storage: object, plugin: str) -> None:
    """Remember that ``plugin`` opened ``storage``, for the errors naming it."""
    with contextlib.suppress(TypeError):  # no weak reference or hash: named by its class
        _PLUGINS[storage] = plugin


def _plugin_error(storage: object, method: str, error: BaseException) -> PluginError:
    try:
        plugin: str | None = _PLUGINS.get(storage)
    except TypeError:
        plugin = None
    backend = type(storage)
    who = f"storage backend {backend.__qualname__} ({backend.__module__})"
    who += f" of plugin {plugin!r}" if plugin is not None else ""
    if isinstance(error, SystemExit):
        what = f"called sys.exit({error.code!r})"
    else:
        what = f"raised {type(error).__name__}: {error}".removesuffix(": ")
    return PluginError(
        f"{who} {what} in {method}; a plugin fails by raising an exception, never by ending "
        "the process",
        [plugin] if plugin is not None else [],
    )


class _ContainedContext:
    """A backend's context manager whose own code is contained; the caller's is not."""

    def __init__(self, storage: object, method: str, inner: Any) -> None:
        self._storage, self._method, self._inner = storage, method, inner

    def __getattr__(self, name: str) -> Any:  # what else the returned object offers
        return getattr(self._inner, name)

    def __enter__(self) -> Any:
        try:
            return self._inner.__enter__()
        except Exception:
            raise
        except BaseException as exc:
            if ctrl_c(exc):
                raise
            raise _plugin_error(self._storage, self._method, exc) from exc

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool | None:
        try:
            answer: bool | None = self._inner.__exit__(kind, error, traceback)
        except Exception:
            raise
        except BaseException as exc:
            if ctrl_c(exc):
                raise
            if exc is error:  # the caller's own, given back: not the plugin's
                raise
            raise _plugin_error(self._storage, self._method, exc) from exc
        return answer


def _contained(method: Callable[..., Any], name: str) -> Callable[..., Any]:
    @functools.wraps(method)
    def contained(self: object, *args: Any, **kwargs: Any) -> Any:
        try:
            answer = method(self, *args, **kwargs)
        except Exception:
            raise
        except BaseException as exc:
            if ctrl_c(exc):
                raise
            raise _plugin_error(self, name, exc) from exc
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
    cls: type, names: Iterable[str]
) -> list[tuple[Callable[..., Any], Callable[..., Any]]]:
    """Wrap ``cls``'s methods ``names`` when ``cls`` is a plugin's (defined outside
    complaintkit): its own and those it inherits from another plugin class, never
    complaintkit's (a mixin's copy of a default would hide another mixin's implementation);
    the (old, new) pairs wrapped."""
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
            new = _contained(method, name)
            setattr(cls, name, new)
            wrapped.append((method, new))
    return wrapped
