"""Where a piece of a text value is written in the policy file: the line and column of a
placeholder inside a template body, not the ``body:`` key holding it.

A policy's locations are those of its nodes (a mapping's value is located at its key), which
for a one-line value is enough; a long multi-line template body needs the line the bad
placeholder sits on. The value's text is decoded (quotes, escapes, block indentation), so
its character offsets do not map onto the file; instead the fragment as written
(``{case.nmae}``) is looked for in the file from the key on, within the lines the value can
span (those indented deeper than the key). When it is not found there (written with escapes,
or the file changed since), the key's location is kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from complaintkit.errors import Location

#: The most characters read from a file to look for a fragment: a policy file is read in
#: full when it loads, so this only bounds the cost of a file grown since.
_MOST_CHARS: Final = 16 * 1024 * 1024


def written_at(where: Location, value: str, start: int, end: int) -> Location:
    """The location of ``value[start:end]`` in the file, for ``value`` located at ``where``;
    ``where`` itself when that cannot be found."""
    fragment = value[start:end]
    if not fragment or where.line is None or where.column is None:
        return where
    earlier = value.count(fragment, 0, start)  # the same fragment written before it
    try:
        with Path(where.file).open(encoding="utf-8-sig", newline="") as file:
            text = file.read(_MOST_CHARS)
    except (OSError, UnicodeError, ValueError):
        return where
    lines = text.splitlines()
    if where.line > len(lines):
        return where
    indent = where.column - 1
    for number in range(where.line - 1, len(lines)):
        line = lines[number]
        first = number == where.line - 1
        if not first and line.strip() and len(line) - len(line.lstrip(" ")) <= indent:
            break  # the value has ended: a line no deeper than its key
        column = indent if first else 0
        while (found := line.find(fragment, column)) >= 0:
            if earlier == 0:
                return Location(where.file, number + 1, found + 1, where.path)
            earlier -= 1
            column = found + len(fragment)
    return where
