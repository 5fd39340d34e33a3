"""Calling a plugin's factory with options from a policy file or the command line.

Options are checked against the factory's signature before it runs, so a typo or a wrong
type is a ``ConfigError`` naming the option and what the factory accepts, never a Python
``TypeError`` from deep inside a plugin. A factory that declares a ``context`` parameter
gets the :class:`~complaintkit.desk.context.PluginContext` (desk, storage, clock, policy,
configuration); one that does not is called with its options only.
"""

from __future__ import annotations

import inspect
import math
import re
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from complaintkit.errors import ConfigError, UnknownOption
from complaintkit.model.decimal_text import PLAIN_DECIMAL
from complaintkit.policy.typos import close_matches

T = TypeVar("T")

#: The words a flag option may be written with, in any case.
_YES, _NO = frozenset({"true", "yes", "on", "1"}), frozenset({"false", "no", "off", "0"})

#: Annotations an option value is checked against; others are the factory's business.
_SIMPLE = (str, int, float, bool)


def _expected(annotation: object) -> tuple[type, ...]:
    """The simple types an annotation allows, or ``()`` when it is not that simple."""
    if annotation in _SIMPLE:
        return (annotation,)
    if typing.get_origin(annotation) in (typing.Union, type(int | None)):
        allowed = [a for a in typing.get_args(annotation) if a is not type(None)]
        if all(a in _SIMPLE for a in allowed):
            return tuple(allowed)
    return ()


def _fits(value: object, expected: tuple[type, ...]) -> bool:
    if value is None or not expected:
        return True
    if isinstance(value, bool) and bool not in expected:
        return False  # True is an int to Python, not to someone writing a port number
    return isinstance(value, expected) or (float in expected and isinstance(value, int))


#: Text that is exactly a whole number in ASCII digits (a decimal one: ``PLAIN_DECIMAL``).
_INTEGER = re.compile(r"[+-]?[0-9]+")


def _read_text(value: object, expected: tuple[type, ...]) -> object:
    """``value`` as the type an option declares when it is text that is exactly one: every
    ``-o key=value`` arrives as text, so ``-o limit=5`` for ``limit: int`` is 5 and
    ``-o follow=yes`` for ``follow: bool`` is True. Other text is left for ``_fits`` to name."""
    if not isinstance(value, str) or not expected or str in expected:
        return value
    text = value.strip()
    if bool in expected and text.lower() in _YES | _NO:
        return text.lower() in _YES
    if int in expected and _INTEGER.fullmatch(text):
        try:
            return int(text)
        except ValueError:  # more digits than Python converts
            return value
    if float in expected and PLAIN_DECIMAL.fullmatch(text) and math.isfinite(float(text)):
        return float(text)
    return value


def _option_hints(target: Callable[..., Any]) -> dict[str, Any]:
    """``target``'s annotations, resolved one by one, but ``context``'s: a factory may import
    a type for type checking only (the webhook notifier does for the context), and one
    annotation that does not resolve leaves that option unchecked, not every option, nor
    the factory without its context."""
    annotations = getattr(target, "__annotations__", {})
    globalns = getattr(target, "__globals__", None)
    hints: dict[str, Any] = {}
    for name, hint in annotations.items():
        if name in ("context", "return"):
            continue
        namespace = types.SimpleNamespace(__annotations__={name: hint})
        try:
            hints.update(typing.get_type_hints(namespace, globalns=globalns))
        except (NameError, TypeError, SyntaxError, AttributeError):
            continue
    return hints


def build(factory: Callable[..., T], options: Mapping[str, Any], context: object, what: str) -> T:
    """``factory(**options)`` (plus ``context=`` if it asks for one), after checking that
    every option is one the factory takes, with a value of the type it declares.

    ``what`` names the thing built, for messages: ``"notifier 'smtp'"``.
    """
    given = checked_options(factory, options, what)
    try:
        takes_context = "context" in inspect.signature(factory).parameters
    except (TypeError, ValueError):  # a builtin: trust it
        takes_context = False
    extra = {"context": context} if takes_context else {}
    return factory(**given, **extra)


def required_options(factory: Callable[..., Any]) -> list[str]:
    """The options ``factory`` cannot do without (none known for a builtin)."""
    try:
        parameters = inspect.signature(factory).parameters
    except (TypeError, ValueError):
        return []
    return [
        name
        for name, p in parameters.items()
        if name != "context"
        and p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)
        and p.default is inspect.Parameter.empty
    ]


#: Names an option is given by that another one means: MIME and HTTP call a file's
#: encoding its charset, and exports call the delimiter a separator.
_CALLED_SO = {
    "charset": "encoding",
    "codec": "encoding",
    "encoding": "charset",
    "separator": "delimiter",
    "sep": "delimiter",
    "mapping": "columns",
}


def _meant(name: str, value: object, accepted: list[str]) -> str:
    """``"; did you mean encoding=gb18030?"`` for an option ``name`` that is another name,
    another case or a typo of one ``accepted`` (``charset``, ``Encoding``, ``encodng``);
    ``""`` when none is near."""
    folded = {option.casefold(): option for option in accepted}
    meant = folded.get(name.casefold()) or folded.get(_CALLED_SO.get(name.casefold(), ""))
    if meant is None:
        close = close_matches(name.casefold(), folded, n=1, cutoff=0.8)
        meant = folded[close[0]] if close else None
    if meant is None:
        return ""
    shown = f"={value}" if isinstance(value, str) and len(value) <= 60 else ""
    return f"; did you mean {meant}{shown}?"


def checked_options(
    factory: Callable[..., Any], options: Mapping[str, Any], what: str
) -> dict[str, Any]:
    """``options`` as ``factory`` would be called with them, without calling it: a
    ``ConfigError`` names an option it does not take, one of the wrong type, or one it
    needs that is missing — so ``validate`` can say so before anything is built."""
    try:
        signature = inspect.signature(factory)
    except (TypeError, ValueError):  # a builtin: trust it
        return dict(options)
    hints = _option_hints(factory.__init__ if inspect.isclass(factory) else factory)
    parameters = signature.parameters
    takes_any = any(p.kind is p.VAR_KEYWORD for p in parameters.values())
    accepted = [
        name
        for name, p in parameters.items()
        if name != "context" and p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    given = dict(options)
    for name, value in options.items():
        if (name not in parameters and not takes_any) or name == "context":
            raise UnknownOption(
                f"{what} has no option {name!r}"
                + _meant(name, value, accepted)
                + f"; its options are: {', '.join(accepted) or 'none'}"
            )
        expected = _expected(hints.get(name))
        given[name] = _read_text(value, expected)
        if not _fits(given[name], expected):
            kinds = " or ".join(t.__name__ for t in expected)
            raise ConfigError(f"option {name!r} of {what} must be {kinds} (got {value!r})")
    missing = [name for name in required_options(factory) if name not in options]
    if missing:
        raise ConfigError(f"{what} needs the option(s) {', '.join(repr(m) for m in missing)}")
    return given


def yes_or_no(value: object, what: str) -> bool:
    """``value`` as a flag: a YAML boolean, or one of true/yes/on/1, false/no/off/0 in any
    case. Options arrive as text from ``-o key=value``, and reading "True" as no would
    turn TLS off, or end a service, unseen. ``what`` names the option for the error
    (``"smtp notifier: starttls"``)."""
    if isinstance(value, bool):
        return value
    text = value.strip().lower() if isinstance(value, str) else None
    if text not in _YES | _NO:
        raise ConfigError(f"{what} must be yes or no (got {value!r})")
    return text in _YES
