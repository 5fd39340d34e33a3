"""The key a TOML policy gives twice in one table, and where it was given first.

tomllib refuses a second ``label = …`` in a table with "Cannot overwrite a value", at a
column past the end of the line: an author of a long policy is told neither the key nor
where the first one is. The lines above the error, back to the table's header, are read
for the same key, as the author would look for it.
"""

from __future__ import annotations

import attrs


@attrs.frozen
class GivenTwice:
    key: str
    #: the second key's column (1-based) on the error's line
    column: int
    #: the line (1-based) of the first
    first_line: int


def given_twice(text: str, line: int) -> GivenTwice | None:
    """The key written on ``line`` (1-based) that a line above it in its table gives too,
    or None when that line holds no key or no such line is found."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines) or (key := _key(lines[line - 1])) is None:
        return None
    for n in range(line - 2, -1, -1):
        if lines[n].lstrip().startswith("["):  # the table's header: no further
            return None
        if _key(lines[n]) == key:
            written = lines[line - 1]
            return GivenTwice(key, len(written) - len(written.lstrip()) + 1, n + 1)
    return None


def _key(written: str) -> str | None:
    """The key of a ``key = value`` line, as written (spaces about dots dropped); None for
    a header, a comment, or a line holding no ``=``."""
    stripped = written.strip()
    if not stripped or stripped[0] in "[#" or "=" not in stripped:
        return None
    key = stripped.split("=", 1)[0].strip()
    return ".".join(part.strip() for part in key.split(".")) or None
