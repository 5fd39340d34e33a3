"""A YAML comment begun with the full-width number sign (U+FF03), as ``#`` types while a
Chinese input method is in full-width mode.

YAML sees no comment in it: a remark after a value became part of the value (a row id
``r1``, then two blanks, the mark and 第一条; a name holding its note) and a remark on a
line of its own a key with no colon. A mark where a comment begins — first on its line, or
after a blank, outside quotes and blocks of text (:mod:`complaintkit.policy.yaml_lines`)
— is named at its own line and column, and the text is read on with an ASCII ``#`` in its
place. A mark joined to the text before it (第, the mark, 3号) is text.

So is, to YAML, an ASCII ``#`` after a full-width or no-break space (``name: docs``, U+3000,
``# 名称``): a comment only begins after an ASCII blank, so the note was read into the
value. Such a space before a comment, or ending a line after a closing bracket or quote
(where YAML looked for more), is named at its place and read on as a space.
"""

from __future__ import annotations

import re
from typing import Final

from complaintkit.errors import Location, Problem
from complaintkit.policy.no_break_spaces import misplaced_space
from complaintkit.policy.yaml_lines import syntax_lines

MARK: Final = "\uff03"
#: Blanks that look like a space and are none to YAML (full-width, no-break).
_WIDE: Final = "\u3000\u00a0\u202f\u2007"
#: Where such a blank may stand before a comment or end a line after a closing bracket.
_SOUGHT: Final = re.compile(f"[{_WIDE}][#{MARK}]|[]}}\"'][{_WIDE}]+\r?$", re.MULTILINE)


def full_width_comments(text: str, file: str) -> tuple[str, list[Problem]]:
    """A problem at each full-width mark where a comment begins, and at each full-width or
    no-break space before a comment or ending a line after a closing bracket or quote (YAML
    reads the comment, or the blank, as part of the policy), and the text with each replaced
    by ``#`` or a space (one character for one: columns stay right)."""
    if MARK not in text and not _SOUGHT.search(text):
        return text, []
    lines = text.split("\n")
    problems: list[Problem] = []
    for number, _, at in syntax_lines(lines):
        line = lines[number]
        end = len(line.rstrip("\r")) if at is None else at
        start = len(line[:end].rstrip(_WIDE))
        if start < end and (at is not None or line[start - 1 : start] in ("]", "}", '"', "'")):
            problems.append(misplaced_space(file, number + 1, start + 1, line[start]))
            line = f"{line[:start]}{' ' * (end - start)}{line[end:]}"
        if at is not None and line[at] == MARK:
            problems.append(_problem(Location(file, number + 1, at + 1)))
            line = f"{line[:at]}#{line[at + 1 :]}"
        lines[number] = line
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
