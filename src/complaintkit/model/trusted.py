"""Rebuilding model objects from JSON a store holds, without validating it again.

Every value of a stored case passed input validation when it was written. Reading it back
checks only what keeps a damaged record from crashing later — a field missing, a value of
the wrong JSON type, an instant that does not parse — and builds frozen objects without
their ``__init__``. So a stored value that today's validation refuses (a text over a limit
lowered since) still loads and its case can be worked on, and a tick does not pay for the
checks again on every case it reads. ``complaintkit audit verify`` is what inspects stored
rows for damage.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar

import attrs

from complaintkit.errors import InvalidInput

T = TypeVar("T", bound=attrs.AttrsInstance)

_fromisoformat = datetime.fromisoformat


def assembler(cls: type[T]) -> Callable[..., T]:
    """A function building the slotted attrs class ``cls`` from one value per field, in
    field order, without its ``__init__``: no converter, validator or post-init check.

    Written out field by field, as attrs writes ``__init__``: a loop over the fields costs
    more than the checks it skips. Each field is set by a plain attribute store, which
    the interpreter turns into a direct write to the slot. A frozen class refuses such a
    store (its ``__setattr__`` raises), so its object is built as one of a subclass
    adding no slot and setting attributes as any object does, then given ``cls`` as its
    class, which Python allows (same layout) and checks; a slot descriptor's ``__set__``
    per field, the other way past a frozen ``__setattr__``, costs a call each.
    """
    names = [field.name for field in attrs.fields(cls)]
    frozen = cls.__setattr__ is not object.__setattr__
    built = _unfrozen(cls) if frozen else cls
    values = ", ".join(f"v{i}" for i in range(len(names)))
    lines = [f"def assemble_{cls.__name__}({values}):", "    made = new(built)"]
    lines += [f"    made.{name} = v{i}" for i, name in enumerate(names)]
    if frozen:
        lines.append("    made.__class__ = cls")
    lines.append("    return made")
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls, "built": built}
    exec("\n".join(lines), scope)  # noqa: S102 - the source is the lines above, nothing read
    assemble: Callable[..., T] = scope[f"assemble_{cls.__name__}"]
    return assemble


def _unfrozen(cls: type) -> type:
    """A subclass of the frozen slotted class ``cls`` adding no slot, whose attributes
    are set and deleted as any object's (both: the interpreter writes a slot directly
    only then); an object of it may take ``cls`` as its class."""
    plain = {"__setattr__": object.__setattr__, "__delattr__": object.__delattr__}
    return type(f"Unfrozen{cls.__name__}", (cls,), {"__slots__": (), **plain})


def text(data: Mapping[str, Any], name: str, prefix: str = "", default: str | None = None) -> str:
    """``data[name]``, which must be a string; when it is missing, ``default`` if given,
    else ``KeyError``. Errors name the field ``prefix + name``."""
    value = data[name] if default is None else data.get(name, default)
    if type(value) is not str:
        raise InvalidInput(prefix + name, f"must be a string (got {type(value).__name__})")
    return value


def optional_text(data: Mapping[str, Any], name: str, prefix: str = "") -> str | None:
    """``data[name]`` if it is there and not null, which must then be a string."""
    value = data.get(name)
    if value is None or type(value) is str:
        return value
    raise InvalidInput(prefix + name, f"must be a string or null (got {type(value).__name__})")


def texts(
    data: Mapping[str, Any], name: str, prefix: str = "", *, required: bool = True
) -> tuple[str, ...]:
    """``data[name]``, which must be a list of strings, as a tuple; when it is missing,
    ``KeyError`` if ``required``, else ``()``. Errors name the field ``prefix + name``."""
    value = data[name] if required else data.get(name, [])
    if type(value) is not list or any(type(item) is not str for item in value):
        raise InvalidInput(prefix + name, f"must be a list of strings (got {value!r:.60})")
    return tuple(value)


def instant(value: Any, field: str) -> datetime:
    """The instant ``isoformat`` wrote as ``value``, with its UTC offset."""
    if type(value) is str:
        try:
            parsed = _fromisoformat(value)
        except ValueError:
            pass
        else:
            if parsed.tzinfo is not None:
                return parsed
    raise InvalidInput(field, f"must be an ISO 8601 timestamp with an offset (got {value!r})")


def mapping(value: Any, field: str) -> dict[str, Any]:
    """``value``, which must be a JSON object."""
    if type(value) is not dict:
        raise InvalidInput(field, f"must be an object (got {type(value).__name__})")
    return value
