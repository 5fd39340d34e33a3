"""No-break spaces where YAML needs a space, copied from a web page or a Word table.

An SOP's table pasted from a browser or a word processor brings no-break spaces (U+00A0,
U+202F, U+2007) that look like spaces. YAML takes none of them for one: after ``when:`` it
read one key ``when:<U+00A0>{field`` and complained of a second ': ', in the indentation
of a line not lined up. Each in the indentation, after a key's colon or after a list's
dash is named at its own position, and the text is read on with it replaced by a space.
So is the full-width space (U+3000) the space bar types while a Chinese input method is in
full-width mode, there as in the indentation (:mod:`complaintkit.policy.fullwidth`).
"""

from __future__ import annotations

import re
from typing import Final

from complaintkit.errors import Location, Problem

_NO_BREAK: Final = "\u00a0\u202f\u2007\u3000"
#: The blanks where a space separates YAML's parts: the indentation, after a list item's
#: dash, after a plain key's colon. Sought only on lines holding a no-break space.
_MISPLACED: Final = re.compile(
    rf"(?:^[ \t]*+-|^[ \t]*+(?:-[ \t]++)?[A-Za-z_][\w.-]*+:|[{{,][ \t]*+[A-Za-z_][\w.-]*+:|^)"
    rf"([ \t{_NO_BREAK}]*+)",
    re.MULTILINE,
)
_ANY: Final = re.compile(f"[{_NO_BREAK}]")
_NAMES: Final = {
    "\u00a0": "no-break space (U+00A0)",
    "\u202f": "narrow no-break space (U+202F)",
    "\u2007": "figure space (U+2007)",
    "\u3000": "full-width space (U+3000)",
}


def no_break_spaces(text: str, file: str) -> tuple[str, list[Problem]]:
    """A problem at each no-break space where YAML needs a space, and the text with each
    replaced by a space (so columns stay right)."""
    problems: list[Problem] = []
    chars = list(text)
    line, counted, end = 1, 0, -1
    for each in _ANY.finditer(text):
        if each.start() <= end:
            continue  # its line is done
        start = text.rfind("\n", 0, each.start()) + 1
        end = text.find("\n", each.start())
        end = len(text) if end < 0 else end
        line += text.count("\n", counted, start)
        counted = start
        for found in _MISPLACED.finditer(text, start, end):
            blanks = range(found.start(1), found.end(1))
            spaces = [offset for offset in blanks if text[offset] in _NAMES]
            for offset in spaces:
                chars[offset] = " "
            if spaces:  # a run of them is one slip
                problems.append(misplaced_space(file, line, spaces[0] - start + 1, text[spaces[0]]))
    return "".join(chars), problems


def misplaced_space(file: str, line: int, column: int, space: str) -> Problem:
    """The problem for ``space`` at ``line`` and ``column`` where YAML needs a space."""
    if space == "\u3000":
        where_from, code = "the input method's full-width mode types it", "full-width"
    else:
        where_from = "no-break spaces come with text copied from a web page or a word processor"
        code = "no-break-space"
    return Problem(
        Location(file, line, column),
        f"a {_NAMES[space]} where YAML needs a space: it only looks like one",
        f"type an ordinary space in its place ({where_from})",
        code=code,
    )
