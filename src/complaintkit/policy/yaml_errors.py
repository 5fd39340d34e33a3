"""A YAML syntax error in an author's words, at the character that caused it.

The parser reports where it gave up, which is often a line below the mistake and in its
own terms ("could not find expected ':'"). Two mistakes are common enough to name: a tab
in the indentation, and punctuation a Chinese input method typed in full width (a colon
U+FF1A after a key, a comma U+FF0C or U+3001 after a closing bracket or inside the entry
of a ``{...}`` the parser gave up on, a brace U+FF5B, a bracket U+FF3D or U+3011 closing
a ``[...]``), which YAML reads as text. Either is looked for only between where the parser
began the construct it failed on and where it gave up, so text elsewhere that holds such
characters is never blamed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final

import yaml

from complaintkit.errors import Location, PolicyError, Problem
from complaintkit.policy.file_end import WHERE_THE_FILE_ENDS, end_of_text, past_the_text
from complaintkit.policy.yaml_wording import meaning

#: Full-width forms an input method types for YAML's punctuation, with the ASCII meant.
_FULL_WIDTH: Final = {chr(0xFF00 + ord(char) - 0x20): char for char in ":,[]{}"} | {
    "\u3010": "[",
    "\u3011": "]",
    "\u3001": ",",
}
#: Full-width brackets that open a value: at a line's start, after ': ', '- ', ',' or an
#: opening bracket (blanks between).
_OPENERS: Final = "\uff3b\uff5b\u3010"
#: Full-width punctuation that slipped in right after a closing bracket or quote (blanks
#: between), where inside ``{...}`` or ``[...]`` only punctuation may follow (``{label: P}``
#: then U+FF0C); elsewhere it may be text.
_AFTER_CLOSERS: Final = "\uff0c\uff1a\uff3d\uff5d\u3001\u3011"
_KEY_COLON: Final = re.compile(r"[ \t]*(?:-[ \t]+)?[^\s:#'\"]+?[ \t]*\uff1a")


def yaml_error(file: str, exc: yaml.YAMLError, text: str, path: str = "") -> PolicyError:
    """The located problem for ``exc``, raised parsing ``text`` (in section ``path``)."""
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int):
        # the reader knows only an offset into the text: name the line and column
        before = text[: exc.position]
        where = Location(file, before.count("\n") + 1, exc.position - before.rfind("\n"), path)
        message = f"the text holds the character U+{exc.character:04X}, which YAML does not allow"
        hint = "remove it; inside double quotes an escape such as \\x1b stands for it"
        return PolicyError([Problem(where, message, hint, code="syntax")])
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    lines = text.split("\n")
    if mark is not None and _at(lines, mark.line, mark.column) == "\t":
        where = Location(file, mark.line + 1, mark.column + 1, path)
        indenting = not lines[mark.line][: mark.column].strip()
        message = (
            f"a tab {'in the indentation' if indenting else 'here'}: YAML indents with spaces only"
        )
        hint = "replace the tab with spaces (set the editor to insert spaces for Tab)"
        return PolicyError([Problem(where, message, hint, code="syntax")])
    slip = _full_width(lines, "flow" in str(context), mark)
    if slip is not None:
        line, column, char = slip
        meant = _FULL_WIDTH[char]
        return PolicyError(
            [
                Problem(
                    Location(file, line + 1, column + 1, path),
                    f"full-width '{char}' (U+{ord(char):04X}) where YAML needs '{meant}'",
                    f"switch the input method to half-width and type '{meant}'",
                    code="full-width",
                )
            ]
        )
    if mark is not None and (long := _long_key(lines, mark.line)) is not None:
        where = Location(file, long[0] + 1, long[1] + 1, path)
        return PolicyError([Problem(where, long[2], long[3], code="syntax")])
    if mark is not None and (found := _bare_not_equal(lines, mark.line)) is not None:
        return PolicyError(
            [
                Problem(
                    Location(file, found[0] + 1, found[1] + 1, path),
                    *BARE_NOT_EQUAL,
                    code="syntax",
                )
            ]
        )
    at_end = mark is not None and past_the_text(text, mark.line + 1, mark.column + 1)
    meant = meaning(str(problem), str(context or ""), at_end) + _opened_at(exc, mark)
    if at_end:
        meant += WHERE_THE_FILE_ENDS
        where = Location(file, *end_of_text(text))
    else:
        where = Location(file) if mark is None else Location(file, mark.line + 1, mark.column + 1)
    return PolicyError(
        [
            Problem(
                Location(where.file, where.line, where.column, path),
                f"malformed YAML: {meant}",
                "fix the YAML at this position",
                code="syntax",
            )
        ]
    )


def _opened_at(exc: yaml.YAMLError, mark: yaml.Mark | None) -> str:
    """Where a '{' or '[' left open opens, when that is on a line above the parser's mark:
    a slip inside it (a line given twice, a '}' forgotten) is nearer there than here."""
    opened = getattr(exc, "context_mark", None)
    if "flow" not in str(getattr(exc, "context", "")) or opened is None or mark is None:
        return ""
    if opened.line >= mark.line:
        return ""
    return f" (it opens at line {opened.line + 1}, column {opened.column + 1})"


#: The longest key YAML reads (a simple key's limit), and a key at least that long: after
#: a line's indentation (and a list item's dash) or a flow collection's '{' or ','.
YAML_KEY_LIMIT: Final = 1024
_LONG_KEY: Final = re.compile(
    rf"(?:^[ \t]*+(?:-[ \t]++)?|[{{,][ \t]*+)([^\s:{{}},\[\]#][^:{{}},\[\]#\n]{{{YAML_KEY_LIMIT},}}):(?:[ \t]|$)"
)


def _long_key(lines: list[str], line: int) -> tuple[int, int, str, str] | None:
    """``(line, column, message, hint)`` for a key longer than YAML reads on the line the
    parser gave up on, 0-based; else None."""
    text = lines[line] if 0 <= line < len(lines) else ""
    found = _LONG_KEY.search(text)
    if found is None:
        return None
    return (
        line,
        found.start(1),
        f"a key of {len(found[1]):,} characters: YAML reads keys of at most {YAML_KEY_LIMIT:,}",
        "a key is an id or a name: shorten it, or write the text as a value (key: text)",
    )


#: an operator YAML took for a tag (``!=: vip``), and what to write
BARE_NOT_EQUAL: Final = (
    "YAML reads an unquoted '!=' as a tag, not as the operator 'not equal'",
    'quote it: {field: customer.tier, "!=": vip}',
)


def _bare_not_equal(lines: list[str], line: int) -> tuple[int, int] | None:
    """Where a block mapping key ``!=:`` the parser tripped on, on the line before
    its error or on it, begins: YAML reads ``!=:`` as a tag and then misses the colon."""
    for i in (line - 1, line):
        text = lines[i] if 0 <= i < len(lines) else ""
        key = text.lstrip(" ").removeprefix("- ").lstrip(" ")
        if key.startswith(("!=:", "!= :")):
            return i, len(text) - len(key)
    return None


def _at(lines: list[str], line: int, column: int) -> str:
    return lines[line][column : column + 1] if 0 <= line < len(lines) else ""


def _full_width(lines: list[str], in_flow: bool, problem: Any) -> tuple[int, int, str] | None:
    """The full-width punctuation the parser tripped on, as (line, column, character),
    0-based: a colon after a key on the line the parser gave up on or the one before (a
    key ending in U+FF1A reads as text running on to the next line); on the line it gave up
    on, before that point, a bracket opening a value or, inside a flow collection, a comma,
    colon or bracket after a closing one; inside a flow collection, a bracket ending an
    item there or on the line before. None when there is none: text is left alone."""
    if problem is None:
        return None
    found = [closer] if in_flow and (closer := _closer_before(lines, problem)) else []
    if not 0 <= problem.line < len(lines):
        return min(found) if found else None
    found += [
        (line, match.end() - 1, "\uff1a")
        for line in (problem.line - 1, problem.line)
        if 0 <= line < len(lines) and (match := _KEY_COLON.match(lines[line]))
    ]
    text = lines[problem.line][: problem.column + 1]
    found += [(problem.line, column, char) for column, char in _slips(text, in_flow)]
    if in_flow and (comma := _comma_in_entry(text)) is not None:
        found.append((problem.line, comma, text[comma]))
    return min(found) if found else None


#: A full-width bracket an input method types to close a list or mapping, ending an item.
_CLOSER: Final = re.compile("[\uff3d\uff5d\u3011](?=[ \t,\\]}]|$)")


def _closer_before(lines: list[str], problem: Any) -> tuple[int, int, str] | None:
    """The last full-width closing bracket ending an item (a blank, ',', ']', '}' or the
    line's end after it) before where the parser gave up, on its line or the last line
    above it that is not blank."""
    above = min(problem.line, len(lines)) - 1
    while above > 0 and not lines[above].strip():
        above -= 1
    for line in (problem.line, above):
        if 0 <= line < len(lines):
            end = len(lines[line]) if line < problem.line else problem.column
            found = None
            for found in _CLOSER.finditer(lines[line], 0, end):  # noqa: B007 -- the last
                pass
            if found is not None:
                return line, found.start(), found[0]
    return None


def _comma_in_entry(text: str) -> int | None:
    """The column of the first full-width comma (U+FF0C, U+3001) after the last ASCII
    ``,``, ``[`` or ``{`` of ``text``: inside the entry of a flow collection the parser gave
    up on, where plain text ran on past the comma meant (``{field: tier``, that comma,
    ``in: gold}``) into a ':' it cannot take. None when there is none."""
    start = max(text.rfind(opener) for opener in ",[{") + 1
    return next((start + n for n, char in enumerate(text[start:]) if char in "\uff0c\u3001"), None)


def _slips(text: str, in_flow: bool) -> Iterator[tuple[int, str]]:
    """Each full-width bracket of ``text`` that opens a value, and (``in_flow``) each
    full-width punctuation right after a closing bracket or quote, with its column: read
    once, for a line may be long (a flow list of thousands of keywords)."""
    blanks = 0  # where the run of blanks before the current column starts
    for column, char in enumerate(text):
        before = text[blanks - 1] if blanks else ""  # what the blanks follow
        opens = char in _OPENERS and (
            blanks == 0 or before in ",[{" or (before in ":-" and blanks < column)
        )
        if opens or (in_flow and char in _AFTER_CLOSERS and before and before in "]}\"'"):
            yield column, char
        if char not in " \t":
            blanks = column + 1
