"""What a plugin's storage backend answers, held to the shape ``Storage`` declares.

A backend whose ``find_readable`` answered ``(None, [])``, or whose ``get`` a mapping,
failed in the command reading it, as a traceback about ``NoneType`` naming no backend.
Each answer is checked by its outer shape only — the class, a tuple's arity and its items'
classes, never every element of a list — so the check costs a few ``isinstance`` calls.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any, Union

#: Hints whose answers are not checked: what complaintkit iterates or enters (the methods
#: a backend writes as generators or context managers), or nothing worth refusing.
_UNCHECKED = ("Iterator", "AbstractContextManager", "Callable")


def declared(base: type, names: Iterable[str]) -> Mapping[str, Any]:
    """The return hint of each of ``base``'s methods ``names`` that can be checked."""
    hints: dict[str, Any] = {}
    for name in names:
        try:
            hint = typing.get_type_hints(getattr(base, name)).get("return")
        except (AttributeError, NameError, TypeError):  # a hint naming what is not imported
            continue
        if hint is not None and hint is not type(None):
            hints[name] = hint
    return hints


def misshapen(answer: object, hint: Any) -> str | None:
    """What ``answer`` should have been, when it does not fit ``hint``; None if it does."""
    return None if _fits(answer, hint) else _named(hint)


def _fits(answer: object, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        return any(_fits(answer, option) for option in typing.get_args(hint))
    if hint is type(None):
        return answer is None
    if origin is tuple:
        items = typing.get_args(hint)
        return (
            isinstance(answer, tuple)
            and len(answer) == len(items)
            and all(_fits_outside(a, i) for a, i in zip(answer, items, strict=True))
        )
    return _fits_outside(answer, hint)


def _fits_outside(answer: object, hint: Any) -> bool:
    """Whether ``answer`` is of ``hint``'s class, its items unchecked."""
    origin = typing.get_origin(hint) or hint
    if origin in (Union, types.UnionType):
        return any(_fits_outside(answer, option) for option in typing.get_args(hint))
    if hint is type(None):
        return answer is None
    if not isinstance(origin, type) or origin.__name__ in _UNCHECKED:
        return True
    return isinstance(answer, origin)


def _named(hint: Any) -> str:
    """``hint`` as a reader of an error says it: ``list``, ``Case or None``, ``(list, list)``."""
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        return " or ".join(_named(option) for option in typing.get_args(hint))
    if hint is type(None):
        return "None"
    if origin is tuple:
        return f"({', '.join(_named(typing.get_origin(i) or i) for i in typing.get_args(hint))})"
    shown = origin or hint
    return getattr(shown, "__name__", str(shown))
