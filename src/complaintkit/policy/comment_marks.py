"""A YAML comment begun with the full-width number sign (U+FF03), as ``#`` types while a
Chinese input method is in full-width mode.

YAML sees no comment in it: a remark after a value became part of the value (a row id
``r1``, then two blanks, the mark and 第一条; a name holding its note) and a remark on a
line of its own a key with no colon. A mark where a comment begins — first on its line, or
after a blank, outside quotes and blocks of text (``|``, ``>``) — is named at its own line
and column, and the text is read on with an ASCII ``#`` in its place. A mark joined to the
text before it (第, the mark, 3号) is text.
"""

from __future__ import annotations

import re
from typing import Final

from complaintkit.errors import Location, Problem

MARK: Final = "\uff03"
_BLANKS: Final = " \t\u3000"
#: A line whose value is a block of text: ``key: |``, ``- >-``, ``key: |2``.
_BLOCK_START: Final = re.compile(r"(?:^|:[ \t]++|-[ \t]++)[|>][-+0-9]*+$")


def full_width_comments(text: str, file: str) -> tuple[str, list[Problem]]:
    """A problem at each full-width mark where a comment begins, and the text with each
    replaced by ``#`` (one character for one: columns stay right)."""
    if MARK not in text:
        return text, []
    lines = text.split("\n")
    problems: list[Problem] = []
    block: int | None = None  # the indentation of the line a block of text began below
    for number, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        if block is not None and (not line.strip() or indent > block):
            continue
        block = None
        at, end = _comment_start(line)
        if at is not None:
            problems.append(_problem(Location(file, number + 1, at + 1)))
            lines[number] = f"{line[:at]}#{line[at + 1 :]}"
        if _BLOCK_START.search(line[:end].rstrip()):
            block = indent
    return "\n".join(lines), problems


def _comment_start(line: str) -> tuple[int | None, int]:
    """Where a full-width mark begins a comment on ``line`` (or None), and where the
    line's content ends (at a comment of either mark)."""
    quote = ""
    for at, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in ("#", MARK) and (at == 0 or line[at - 1] in _BLANKS):
            return (at if char == MARK else None), at
    return None, len(line)


def _problem(where: Location) -> Problem:
    return Problem(
        where,
        f"full-width '{MARK}' (U+FF03) where a comment begins: YAML reads it, and what "
        "follows on the line, as part of the policy",
        "type an ASCII '#' (switch the input method to half-width); if the mark is part of "
        "a value, put the value in quotes",
        code="full-width",
    )
