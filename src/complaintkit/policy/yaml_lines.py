"""The lines of a YAML text where its syntax is written, for the checks that read the text
before the parser does.

A slip typed where YAML's syntax goes — a full-width number sign (U+FF03) beginning a
comment, a bullet beginning a list item — is looked for outside text: not inside a block
of text (``|``, ``>``) nor inside a quotation, which may run on over lines. A quotation begins only where
a value or key may (``'a'``, ``key: "a"``, ``- 'a'``, ``[a, 'b']``): an apostrophe inside
plain text (``name: Jo's desk``) quotes nothing. Inside one, ``''`` is an apostrophe in
single quotes and ``\\"`` a quote in double quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

#: The marks that begin a comment: YAML's, and the full-width one an input method types.
COMMENT_MARKS: Final = "#\uff03"
#: What separates YAML's parts on a line (a full-width or no-break space is read as one,
#: and named).
BLANKS: Final = " \t\u3000\u00a0\u202f\u2007"
#: A line whose value is a block of text: ``key: |``, ``- >-``, ``key: |2``.
_BLOCK_START: Final = re.compile(r"(?:^|:[ \t]++|-[ \t]++)[|>][-+0-9]*+$")


def syntax_lines(lines: list[str]) -> Iterator[tuple[int, bool, int | None]]:
    """For each line outside a block of text: its index, whether it begins inside a
    quotation begun above, and where a comment begins on it (or None)."""
    block: int | None = None  # the indentation of the line a block of text began below
    quote = ""  # the quotation open at the end of the line before
    for number, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        if block is not None and (not line.strip() or indent > block):
            continue
        block, quoted = None, bool(quote)
        comment, quote = _read(line, quote)
        yield number, quoted, comment
        content = line if comment is None else line[:comment]
        if not quote and _BLOCK_START.search(content.rstrip()):
            block = indent


def _read(line: str, quote: str) -> tuple[int | None, str]:
    """Where a comment begins on ``line`` (or None), begun inside ``quote``, and the
    quotation open at its end."""
    at = 0
    while at < len(line):
        char = line[at]
        if quote == '"' and char == "\\":
            at += 1  # the escaped character
        elif quote and char == quote:
            twice = quote == "'" and line.startswith("''", at)
            at += 1 if twice else 0
            quote = quote if twice else ""
        elif not quote and char in "'\"" and _value_begins(line, at):
            quote = char
        elif not quote and char in COMMENT_MARKS and (at == 0 or line[at - 1] in BLANKS):
            return at, ""
        at += 1
    return None, quote


def _value_begins(line: str, at: int) -> bool:
    """Whether a key or value may begin at ``at``: first on the line, or after ``[``,
    ``{`` or ``,``, or after ``:``, ``-`` or ``?`` and a blank."""
    last = at - 1
    while last >= 0 and line[last] in BLANKS:
        last -= 1
    return last < 0 or line[last] in "[{," or (line[last] in ":-?" and last < at - 1)
