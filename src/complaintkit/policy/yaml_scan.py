"""The YAML event scan that runs before anything is built from a policy file.

Policy files may come from elsewhere, so anchors and aliases are refused while scanning
events (an alias bomb never expands) and nesting deeper than the reader's limit is refused
before any recursive code sees the data. A problem found here is reported in its section
(``routing.rules[1]``) as well as at its line, as every later one is.
"""

from __future__ import annotations

from typing import Any, Final

import yaml

from complaintkit.errors import Location, PolicyError, Problem
from complaintkit.policy.event_path import EventPath

#: libyaml's loader where PyYAML was built with it, else the pure-Python one.
LOADER: Final[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def scan_events(text: str, file: str, max_depth: int, loader: Any = LOADER) -> None:
    """Refuse anchors and aliases, each line holding one named once, and nesting deeper
    than ``max_depth``.

    A line's alias is named before its anchor (``members: &m [*x, amy]`` at ``*x``): an
    alias is read as nothing, so what is at it goes unchecked, while an anchored value is
    read in full and is checked (code ``anchor``, not ``alias``)."""
    depth = 0
    marks: dict[int, tuple[Any, str]] = {}  # event number -> (mark, code), one per line
    lines: dict[int | None, int] = {}  # line -> the event number named for it
    for number, event in enumerate(yaml.parse(text, Loader=loader)):
        line = getattr(event.start_mark, "line", None)
        code = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
        if code == "alias" or getattr(event, "anchor", None):
            named = lines.get(line)
            if named is None or (code == "alias" and marks[named][1] == "anchor"):
                if named is not None:
                    del marks[named]
                lines[line] = number
                marks[number] = (event.start_mark, code)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > max_depth:
                raise _refused(
                    file,
                    event.start_mark,
                    f"the policy nests deeper than {max_depth} levels",
                    "flatten the structure",
                    "too-deep",
                    path_at(text, loader, number),
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    if marks:
        paths = _paths_at(text, loader, set(marks))
        raise PolicyError(
            [
                _problem(
                    file,
                    mark,
                    "YAML anchors and aliases (&name, *name, <<) are not allowed in policies",
                    "write the value out in full, or share it with extends:",
                    code,
                    paths[number],
                )
                for number, (mark, code) in sorted(marks.items())
            ]
        )


def _paths_at(text: str, loader: Any, numbers: set[int]) -> dict[int, str]:
    """The path of each of the events ``numbers``, in one more pass over the events."""
    at = EventPath()
    paths: dict[int, str] = {}
    for number, event in enumerate(yaml.parse(text, Loader=loader)):
        before = at.path  # a mapping's value: its key, which seeing a whole value closes
        at.see(event)
        if number in numbers:
            paths[number] = max(at.path, before, key=len)  # a list's item: its index
            if len(paths) == len(numbers):
                break
    return paths


def path_at(text: str, loader: Any = LOADER, last: int = -1) -> str:
    """The path of the node the ``last``-th event sits at (by default, where the parser
    stops). The events are followed again for that only when a problem is reported: a
    valid policy's scan need not track the path of each of its many events."""
    at = EventPath()
    try:
        for number, event in enumerate(yaml.parse(text, Loader=loader)):
            at.see(event)
            if number == last:
                break
    except yaml.YAMLError:
        pass
    return at.path


def refuse_deep_nesting(text: str, file: str, max_depth: int) -> None:
    """Name deep nesting as such even when the parser refused it first.

    libyaml has a nesting limit of its own and scans ahead of the events it hands over, so
    it can fail before :func:`scan_events` counts past ``max_depth``. The pure-Python
    parser keeps an explicit stack and has no such limit: rescanning with it on the error
    path (only) tells a too-deep policy from a malformed one by depth, not by wording.
    """
    try:
        scan_events(text, file, max_depth, yaml.SafeLoader)
    except yaml.YAMLError:
        return


def _refused(file: str, mark: Any, message: str, hint: str, code: str, path: str) -> PolicyError:
    return PolicyError([_problem(file, mark, message, hint, code, path)])


def _problem(file: str, mark: Any, message: str, hint: str, code: str, path: str) -> Problem:
    where = Location(file, path=path)
    if mark is not None:
        where = Location(file, mark.line + 1, mark.column + 1, path)
    return Problem(where, message, hint, code=code)
