"""Values in messages to policy authors, spelt as YAML writes them.

A bare ``2026-01-01`` or ``no`` in a policy is a date or ``false`` to YAML; a message saying
``(got datetime.date(2026, 1, 1))``, ``(got False)`` or ``(got ['a', 'b'])`` speaks Python
to someone who wrote YAML. Lists and mappings are spelt in YAML's flow style
(``[a, b]``, ``{x: 1}``), so what a message shows is what YAML would read back. Long values
are cut in the middle, so a message fits on a terminal.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Final

import yaml

#: Text YAML reads as itself when written bare inside ``[...]`` or ``{...}``: no flow or
#: indicator character where it would count, no space at either end.
_PLAIN: Final = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^,\[\]{}#:?]|:(?=\S))*(?<!\s)")
_RESOLVER: Final = yaml.resolver.Resolver()
_STR_TAG: Final = "tag:yaml.org,2002:str"


def shorten(value: object) -> str:
    """``value`` as text, its middle cut when long: a message must fit on a terminal."""
    text = str(value)
    return text if len(text) <= 40 else f"{text[:20]}…{text[-10:]} ({len(text)} characters)"


def as_written(value: object) -> str:
    """``value`` as YAML spells it — true, null, 2026-01-01, 'on', [a, b], {x: 1} — text
    quoted, its middle cut when long."""
    return shorten(_spelt(value, bare=False))


def as_yaml(value: object) -> str:
    """``value`` as YAML writes it inside a flow mapping: text bare where YAML reads it back
    as the same text (food_safety, 食品), quoted where not ('12315'); never cut."""
    return _spelt(value, bare=True)


def got(value: object) -> str:
    """What a message says it got: ``as_written``, and for a date how it became one."""
    if isinstance(value, date):
        return f"the date {as_written(value)}, as YAML reads it unquoted: quote it if it is text"
    return as_written(value)


def _spelt(value: object, bare: bool) -> str:
    """``value`` in YAML flow style; text bare (inside a list or mapping) when YAML reads
    it back as the same text, else quoted."""
    if isinstance(value, str):
        return value if bare and _reads_as_itself(value) else _quoted(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_spelt(item, bare=True) for item in value) + "]"
    if isinstance(value, Mapping):
        pairs = (f"{_spelt(k, True)}: {_spelt(v, True)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    return _scalar(value)


def _scalar(value: object) -> str:
    """A value that is neither text nor a collection, as YAML spells it."""
    if isinstance(value, bool) or value is None:
        return "null" if value is None else str(value).lower()
    if isinstance(value, date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")
    return str(value)


def _reads_as_itself(text: str) -> bool:
    return (
        text.isprintable()
        and _PLAIN.fullmatch(text) is not None
        and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG  # type: ignore[no-untyped-call]
    )


def _quoted(text: str) -> str:
    """``'text'``; with an escape YAML understands (``"\\x1f"``) when it holds a character
    single quotes cannot carry."""
    if text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    return '"' + "".join(map(_escaped, text)) + '"'


def _escaped(char: str) -> str:
    """``char`` inside YAML double quotes."""
    if char in '"\\':
        return "\\" + char
    if char.isprintable():
        return char
    code = ord(char)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )
