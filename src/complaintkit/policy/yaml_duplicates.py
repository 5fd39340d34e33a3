"""Duplicate mapping keys, found in the parser's events rather than in the built nodes.

The reader names a duplicate key when it builds a file's nodes, but a file holding an
anchor or alias, a tab in its indentation or another syntax error is refused before any
node is built, and its duplicates went unsaid until that was fixed. Events are flat (an
alias is one event, never expanded), so scanning them for duplicates is as safe as the
anchor scan; on a syntax error, every duplicate before the point the parser stops is named.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
import yaml

from complaintkit.errors import Location, Problem

HINT = "remove one of them; the later one would silently win"


def duplicate_message(key: str, first: Location, line: int | None) -> str:
    """The words for a key written twice in one mapping, the first at ``first``, the second
    on ``line``: on the same line (``{product: …, product: …}``) the first's column too."""
    if first.line == line and first.column is not None:
        return f"duplicate key {key!r} (first at line {first.line}, column {first.column})"
    return f"duplicate key {key!r} (first at line {first.line})"


@attrs.define
class _Open:
    """One open mapping (``keys`` the first mark of each) or list (``keys`` None)."""

    path: str
    keys: dict[str, Any] | None
    #: whether the next node is a key (a mapping's) or where the next item goes (a list's)
    at_key: bool = True
    child: str = ""
    items: int = 0
    #: a complex key (``? [a, b]``): when it closes, its value follows
    is_key: bool = False


def duplicate_keys(text: str, file: str, loader: Any) -> list[Problem]:
    """Each key written a second time in one mapping, at that key (a syntax error is
    reported by the reader itself). Where the parser stops at a syntax error, the scan
    resumes at the next line that starts a top-level key (the error's own line, if it
    does), each later one read as the rest of the top-level mapping: what the error's
    own section holds after it is not sought."""
    problems: list[Problem] = []
    lines = text.splitlines(keepends=True)
    top: dict[str, Any] = {}  # the top-level keys seen, across every resumption
    start = 0
    while True:
        stopped = _scan(text, file, loader, problems, top)
        if stopped is None:
            return problems
        start = next(
            (n for n in range(max(stopped, start + 1), len(lines)) if _TOP_KEY.match(lines[n])),
            len(lines),
        )
        if start >= len(lines):
            return problems
        text = "\n" * start + "".join(lines[start:])  # the same line numbers


#: A line starting a key of the top-level mapping (not a comment, list item or marker).
_TOP_KEY = re.compile(r"[^\s#\-?:\[\]{},&*!|>'\"%@`][^#]*?:(\s|$)")


def _scan(
    text: str, file: str, loader: Any, problems: list[Problem], top: dict[str, Any]
) -> int | None:
    """Scan ``text``'s events for duplicates; the line (from 0) a syntax error stops the
    parser at, or None."""
    opened: list[_Open] = []
    documents = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:  # not the policy: the reader refuses the second document
                    return None
            elif isinstance(event, yaml.CollectionEndEvent):
                closed = opened.pop()
                if opened and opened[-1].keys is not None and not closed.is_key:
                    opened[-1].at_key = True
            elif isinstance(event, yaml.NodeEvent):
                _see(event, opened, problems, file)
                if len(opened) == 1 and opened[0].keys is not None and not opened[0].keys:
                    opened[0].keys = top  # the top-level mapping: one across resumptions
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        return None if mark is None else int(mark.line)
    return None


def _see(event: yaml.NodeEvent, opened: list[_Open], problems: list[Problem], file: str) -> None:
    parent = opened[-1] if opened else None
    is_key = parent is not None and parent.keys is not None and parent.at_key
    if parent is not None and parent.keys is not None and is_key:
        parent.at_key = False
        parent.child = str(getattr(event, "value", ""))
        if isinstance(event, yaml.ScalarEvent):
            _check(parent, event, problems, file)
    path = ""
    if parent is not None:
        if parent.keys is None:
            path = f"{parent.path}[{parent.items}]"
            parent.items += 1
        else:
            path = f"{parent.path}.{parent.child}" if parent.path else parent.child
    if isinstance(event, yaml.CollectionStartEvent):
        keys: dict[str, Any] | None = {} if isinstance(event, yaml.MappingStartEvent) else None
        opened.append(_Open(path, keys, is_key=is_key))
    elif parent is not None and parent.keys is not None and not is_key:
        parent.at_key = True


def _check(mapping: _Open, key: yaml.ScalarEvent, problems: list[Problem], file: str) -> None:
    assert mapping.keys is not None
    mark: Any = key.start_mark
    first = mapping.keys.setdefault(key.value, mark)
    if first is mark or (first.line, first.column) == (mark.line, mark.column):
        return  # the key itself, read again where the scan resumed after a syntax error
    path = f"{mapping.path}.{key.value}" if mapping.path else key.value
    where = Location(file, mark.line + 1, mark.column + 1, path)
    message = duplicate_message(
        key.value, Location(file, first.line + 1, first.column + 1), where.line
    )
    problems.append(Problem(where, message, HINT, code="duplicate-key"))
