"""Long values given on the command line, shortened wherever an error repeats them.

An error names what it refused, and the value may be anything a shell passes: a path of
5,000 characters, a pasted file. Each error line is cut to ``ERROR_LINE_CHARS`` at the
boundary (``cli.group``), but a line of 2,000 characters of one repeated path still fills
a terminal. So every argument (and ``COMPLAINTKIT_*`` variable) longer than
``GIVEN_CHARS`` is kept in the context when the command line is read, and an error's
message shows each as its start and end, saying how much was left out, as ``brief`` does.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import click

from complaintkit.brief import brief

#: The most characters of one given value an error repeats: its start and end are kept.
GIVEN_CHARS = 160
_KEY = "complaintkit.given_values"
#: How many of the folders a long path lies in are looked for (a path of 50,000 slashes
#: would take long to walk).
_FOLDERS = 8
#: Where the variables complaintkit reads begin.
_VARIABLES = "COMPLAINTKIT_"


def remember_given(ctx: click.Context, args: Iterable[str]) -> None:
    """Keep the long ones of ``args`` (``--opt=value`` too) and of the variables in the
    context, for the errors of this command line to shorten."""
    values = [*args, *(v for k, v in os.environ.items() if k.startswith(_VARIABLES))]
    given: set[str] = set()
    for value in values:
        if len(value) > GIVEN_CHARS:
            for part in _parts(value):
                given.update(_spellings(part))
    ctx.meta[_KEY] = sorted(given, key=len, reverse=True)  # the longest replaced first


def shorten_given(ctx: click.Context | None, message: str) -> str:
    """``message`` with each long given value in it shown by its ends."""
    if ctx is None:
        return message
    for value in ctx.meta.get(_KEY, ()):
        if value in message:
            message = message.replace(value, brief(value, GIVEN_CHARS))
    return message


def _parts(value: str) -> set[str]:
    """What of ``value`` a message may name alone: the value of ``--opt=value`` or
    ``key=value``, the path of a URL (``sqlite:///path``), the path made absolute, and the
    folders a path lies in (the one that does not exist)."""
    named = {value, value.partition("=")[2], value.partition("://")[2]}
    named.add(value.partition(":///")[2])
    parts = set(named)
    for path in named:
        if "\x00" in path or not path:
            continue
        parts.add(os.path.abspath(path))
        for _ in range(_FOLDERS):
            folder = os.path.dirname(path)
            if len(folder) <= GIVEN_CHARS or folder == path:
                break
            parts.add(path := folder)
    return {part for part in parts if len(part) > GIVEN_CHARS}


def _spellings(value: str) -> set[str]:
    """How a message may spell ``value``: as given, escaped as ``repr`` escapes it (inside
    its quotes), and with undecoded bytes escaped."""
    escaped = value.encode("utf-8", "backslashreplace").decode("utf-8")
    return {s for s in (value, repr(value)[1:-1], escaped) if len(s) > GIVEN_CHARS}
