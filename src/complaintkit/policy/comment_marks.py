"""A YAML comment begun with the full-width number sign (U+FF03), as ``#`` types while a
Chinese input method is in full-width mode.

YAML sees no comment in it: a remark after a value became part of the value (a row id
``r1``, then two blanks, the mark and 第一条; a name holding its note) and a remark on a
line of its own a key with no colon. A mark where a comment begins — first on its line, or
after a blank, outside quotes and blocks of text (:mod:`complaintkit.policy.yaml_lines`)
— is named at its own line and column, and the text is read on with an ASCII ``#`` in its
place. A mark joined to the text before it (第, the mark, 3号) is text.
"""

from __future__ import annotations

from typing import Final

from complaintkit.errors import Location, Problem
from complaintkit.policy.yaml_lines import syntax_lines

MARK: Final = "\uff03"


def full_width_comments(text: str, file: str) -> tuple[str, list[Problem]]:
    """A problem at each full-width mark where a comment begins, and the text with each
    replaced by ``#`` (one character for one: columns stay right)."""
    if MARK not in text:
        return text, []
    lines = text.split("\n")
    problems: list[Problem] = []
    for number, _, at in syntax_lines(lines):
        line = lines[number]
        if at is not None and line[at] == MARK:
            problems.append(_problem(Location(file, number + 1, at + 1)))
            lines[number] = f"{line[:at]}#{line[at + 1 :]}"
    return "\n".join(lines), problems


def _problem(where: Location) -> Problem:
    return Problem(
        where,
        f"full-width '{MARK}' (U+FF03) where a comment begins: YAML reads it, and what "
        "follows on the line, as part of the policy",
        "type an ASCII '#' (switch the input method to half-width); if the mark is part of "
        "a value, put the value in quotes",
        code="full-width",
    )
