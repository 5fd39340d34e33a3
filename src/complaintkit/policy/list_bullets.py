"""A bullet where a list item's ``-`` goes, as a list copied from a word processor or a web
page keeps it (``• 变质``, ``● amy``, ``· id: vip``, an en dash, the katakana middle dot).

YAML sees no list item in it. Where it fails on the line the author is told the parser's
complaint; where it does not, the bullet is read as text: lines of bulleted names under
``members:`` became one name '• amy • bob', and a bullet before a key made the key '• zh'.
Each bullet beginning a line where YAML's syntax is written (not in a block of text or a
quotation) is named at its place, and the text is read on as it was meant: the bullet as
``-`` where it begins a list item, taken out (with the blanks after it) before a key that
is none — one whose neighbours at its indentation are keys, or that has none and whose
lines below are not lined up under its key.

A dash (en or em) beginning a line that continues text begun above (``description: … ``
wrapped before its ``— it decides …``, as editors and YAML formatters wrap) is no bullet
but the text's punctuation, and YAML reads it as written: it is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from complaintkit.errors import Location, Problem
from complaintkit.policy.seen_columns import NONE, Columns, taken_out
from complaintkit.policy.yaml_lines import BLANKS, syntax_lines

#: What begins a list item copied from a word processor or a web page, with a blank after.
BULLETS: Final = "\u2022\u00b7\u25cf\u25aa\u25e6\u2013\u2014\u30fb\u2027"
_ANY: Final = re.compile(f"[{BULLETS}]")
#: A plain key and its colon, which a bullet before a key stands before.
_KEY: Final = re.compile(r"[^\s:#'\"\[\]{},][^:#]*?:(?:[ \t]|$)")
#: The bullets that are also punctuation in running text.
_DASHES: Final = "\u2013\u2014"
#: What a value holding no plain text begins with: a block, a comment, an anchor, an alias,
#: a tag, a flow collection, a quotation, a reserved character or a list item.
_NOT_PLAIN: Final = "|>#&*![]{}\"'%@`-"


def list_bullets(text: str, file: str) -> tuple[str, list[Problem], Columns]:
    """A problem at each bullet beginning a line, the text read on as meant, and the
    columns the file has what is found in that text at."""
    if not _ANY.search(text):
        return text, [], NONE
    lines = text.split("\n")
    problems: list[Problem] = []
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    syntax = [(number, quoted) for number, quoted, _ in syntax_lines(lines)]
    out: list[int] = []  # offsets of the characters taken out
    for at, (number, quoted) in enumerate(syntax):
        line = lines[number]
        column = len(line) - len(line.lstrip(" "))
        bullet, after = line[column : column + 1], line[column + 1 : column + 2]
        if quoted or not bullet or bullet not in BULLETS or after not in BLANKS:
            continue
        if bullet in _DASHES and _continues_text(lines, syntax, at, column):
            continue
        problems.append(_problem(Location(file, number + 1, column + 1), bullet))
        rest = line[column + 1 :].lstrip(BLANKS)
        if _KEY.match(rest) and not _an_item(lines, syntax, at, column, len(line) - len(rest)):
            out += range(starts[number] + column, starts[number] + len(line) - len(rest))
            lines[number] = f"{line[:column]}{rest}"
        else:
            lines[number] = f"{line[:column]}-{line[column + 1 :]}"
    return "\n".join(lines), problems, taken_out(text, out) if out else NONE


def _continues_text(lines: list[str], syntax: list[tuple[int, bool]], at: int, indent: int) -> bool:
    """Whether the line at ``syntax[at]``, indented ``indent``, goes on with plain text
    begun on a line above: lines at its indentation or deeper back to one less indented,
    none a key or list item, and that one begins text."""
    for column, content in _content(lines, syntax, range(at - 1, -1, -1)):
        if column < indent:
            return _begins_text(content)
        if _KEY.match(content) or (content[:1] in "-" + BULLETS and content[1:2] in BLANKS):
            return False
    return False


def _begins_text(content: str) -> bool:
    """Whether a line's content begins plain text that may go on below it: ``key: text``,
    ``- text`` or ``- key: text`` (not ``key:``, nor ``key: |``)."""
    value = re.sub(r"^(?:-[ \t]+)+", "", content)
    if key := _KEY.match(value):
        value = value[key.end() :].lstrip(BLANKS)
    return bool(value) and value[0] not in _NOT_PLAIN


def _an_item(
    lines: list[str], syntax: list[tuple[int, bool]], at: int, indent: int, key: int
) -> bool:
    """Whether the bulleted ``key:`` line at ``syntax[at]`` begins a list item: the line
    below is lined up under its key, or the nearest line at its indentation next to it (with
    none less indented between) is a list item."""
    below = next(_content(lines, syntax, range(at + 1, len(syntax))), None)
    if below is not None and below[0] == key:
        return True
    for steps in (range(at - 1, -1, -1), range(at + 1, len(syntax))):
        for column, content in _content(lines, syntax, steps):
            if column <= indent:
                if column == indent:
                    return content[:1] in "-" + BULLETS and content[1:2] in BLANKS
                break
    return False


def _content(
    lines: list[str], syntax: list[tuple[int, bool]], steps: range
) -> Iterator[tuple[int, str]]:
    """The indentation and content of each line of ``syntax[steps]`` holding more than a
    comment, outside quotations."""
    for n in steps:
        number, quoted = syntax[n]
        content = lines[number].lstrip(" ")
        if content and not content.startswith("#") and not quoted:
            yield len(lines[number]) - len(content), content


def _problem(where: Location, bullet: str) -> Problem:
    return Problem(
        where,
        f"'{bullet}' (U+{ord(bullet):04X}) begins the line where YAML begins a list item "
        "with '-': YAML reads it as text",
        "write '-' in its place, or delete it before a key that is no list item (a list "
        "copied from a word processor or a web page keeps its bullets); text with bullets "
        "goes in a block of text, after key: |",
        code="bullet",
    )
