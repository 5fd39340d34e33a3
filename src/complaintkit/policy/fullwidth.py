"""Full-width characters a Chinese input method types where YAML needs ASCII.

With the input method in full-width mode, the space bar types an ideographic space
(U+3000) and ``:`` a full-width colon (U+FF1A). YAML sees neither as punctuation, so the
policy would fail with messages about a key it cannot find. Each slip is named at its own
position, and the text is read on with it replaced so the rest of the file is still checked.
"""

from __future__ import annotations

import re
from typing import Final

from complaintkit.errors import Location, Problem
from complaintkit.policy.comment_marks import full_width_comments
from complaintkit.policy.list_bullets import list_bullets
from complaintkit.policy.no_break_spaces import no_break_spaces
from complaintkit.policy.seen_columns import Columns, replaced

FULL_WIDTH_COLON: Final = "\uff1a"
IDEOGRAPHIC_SPACE: Final = "\u3000"
#: A full-width colon right after a plain key (``owner<U+FF1A> li.na``). Colons inside text
#: are left alone.
_FULL_WIDTH_KEY: Final = re.compile(
    r"(?m)(^[ \t]*(?:-[ \t]+)?|[{,][ \t]*)([A-Za-z_][\w.-]*)[ \t]*" + FULL_WIDTH_COLON
)
FULL_WIDTH_DASH: Final = "\uff0d"
#: A full-width hyphen where a list item's dash goes (``<U+FF0D> id: vip``).
_FULL_WIDTH_DASH: Final = re.compile(r"(?m)^([ \t]*+)" + FULL_WIDTH_DASH + r"(?=[ \t])")
#: Indentation holding an ideographic space. Spaces inside text are left alone.
_FULL_WIDTH_INDENT: Final = re.compile(r"(?m)^[ \t]*" + IDEOGRAPHIC_SPACE + r"[ \t\u3000]*")


def full_width_slips(text: str, file: str) -> tuple[str, list[Problem], Columns]:
    """The problems for each full-width space in indentation, colon after a key and dash
    beginning a list item (and each no-break space where YAML needs a space, each
    full-width number sign where a comment begins and each bullet where a list item
    begins), the text with them replaced (a space
    by a space; a colon, and blanks before it, by ': '), and the columns the file has what
    is found in that text at."""
    problems = [
        Problem(
            _location(text, found.start() + found[0].index(IDEOGRAPHIC_SPACE), file),
            "full-width space (U+3000) in the indentation",
            "YAML indents with ASCII spaces: switch the input method to half-width and "
            "retype the indentation",
            code="full-width",
        )
        for found in _FULL_WIDTH_INDENT.finditer(text)
    ]
    text = _FULL_WIDTH_INDENT.sub(lambda m: m[0].replace(IDEOGRAPHIC_SPACE, " "), text)
    keys = _colons_after_keys(text)
    problems += [
        Problem(
            _location(text, found.end() - 1, file),
            f"full-width colon '{FULL_WIDTH_COLON}' after {found[2]!r}",
            f"YAML needs an ASCII colon and a space: replace '{FULL_WIDTH_COLON}' with ': '",
            code="full-width",
        )
        for found in keys
    ]
    problems += [
        Problem(
            _location(text, found.end() - 1, file),
            f"full-width dash '{FULL_WIDTH_DASH}' where a list item begins",
            f"YAML begins a list item with an ASCII '-': replace '{FULL_WIDTH_DASH}' with '-'",
            code="full-width",
        )
        for found in _FULL_WIDTH_DASH.finditer(text)
    ]
    columns = replaced(text, [(key.end(2), key.end(), len(": ")) for key in keys])
    text = _FULL_WIDTH_DASH.sub(r"\1-", _with_plain_colons(text, keys))
    text, spaces = no_break_spaces(text, file)
    text, comments = full_width_comments(text, file)
    text, bullets, taken = list_bullets(text, file)
    return text, problems + columns.problems(spaces + comments + bullets), columns.then(taken)


def _colons_after_keys(text: str) -> list[re.Match[str]]:
    """Each full-width colon after a plain key: sought only on the lines holding a
    full-width colon (a match never spans two), not from every position of the text."""
    found: list[re.Match[str]] = []
    at = text.find(FULL_WIDTH_COLON)
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        found += _FULL_WIDTH_KEY.finditer(text, start, end)
        at = text.find(FULL_WIDTH_COLON, end)
    return found


def _with_plain_colons(text: str, keys: list[re.Match[str]]) -> str:
    parts, done = [], 0
    for key in keys:
        parts += [text[done : key.start()], f"{key[1]}{key[2]}: "]
        done = key.end()
    return "".join([*parts, text[done:]])


def _location(text: str, offset: int, file: str) -> Location:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Location(file, line, column)
