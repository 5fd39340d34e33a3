"""Where a file's text ends, for a syntax error a parser meets there.

A parser that runs out of text reports the position after the final newline (3:1 in a
two-line file), or after the blank lines that follow the text: a line the author's
editor shows empty or not at all. The file was cut short just after its last character,
so that is where the error belongs, saying the file ends there.
"""

from __future__ import annotations

from typing import Final

#: Said of an error placed where the text ends.
WHERE_THE_FILE_ENDS: Final = ", where the file ends"


def end_of_text(text: str) -> tuple[int, int]:
    """The line and column (1-based) just past the last character written."""
    lines = text.rstrip().split("\n")
    return len(lines), len(lines[-1]) + 1


def past_the_text(text: str, line: int, column: int) -> bool:
    """Whether 1-based (``line``, ``column``) lies at or after :func:`end_of_text`."""
    return (line, column) >= end_of_text(text)
