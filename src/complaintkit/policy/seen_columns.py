"""Columns as the author's editor shows them, for a text the reader changed before parsing.

So that the parser reads on past a slip, the reader takes a stray byte order mark out of a
line and reads a full-width colon after a key (with any blanks before it) as ``: ``. What
the parser and the checks after it then find on that line sits a column or two from where
the file has it; each location found in the changed text is moved back by the changes made
before it on its line.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

import attrs

from complaintkit.errors import Location, PolicyError, Problem
from complaintkit.policy.yaml_aliases import AliasesRefused

if TYPE_CHECKING:  # source imports this module
    from complaintkit.policy.located import Located
    from complaintkit.policy.source import Source


@attrs.frozen
class Columns:
    """For each changed line (1-based), the changes as ``(column, add)``: a column of the
    changed text at or after ``column`` is ``add`` further along in the file; ``later``,
    the changes made to the changed text after these."""

    changes: dict[int, list[tuple[int, int]]] = attrs.field(factory=dict)
    later: Columns | None = None

    def then(self, later: Columns) -> Columns:
        """These changes, and ``later`` ones made to the text they changed."""
        if not later.changes:
            return self
        if not self.changes:
            return later
        return attrs.evolve(self, later=later if self.later is None else self.later.then(later))

    def seen(self, where: Location) -> Location:
        """``where`` in the changed text, as the file shows it."""
        if self.later is not None:
            where = self.later.seen(where)
        shifts = self.changes.get(where.line or 0)
        if not shifts or where.column is None:
            return where
        add = sum(by for column, by in shifts if column <= where.column)
        return attrs.evolve(where, column=where.column + add)

    def problems(self, problems: Iterable[Problem]) -> list[Problem]:
        return [attrs.evolve(p, location=self.seen(p.location)) for p in problems]

    def source(self, source: Source) -> Source:
        """``source`` with its locations (its tree's, in place) and problems moved back."""
        if not self.changes:
            return source
        stack = [source.tree]
        while stack:
            node: Located = stack.pop()
            node.location = self.seen(node.location)
            stack.extend(node.children.values())
        return attrs.evolve(source, problems=tuple(self.problems(source.problems)))

    def refused(self, refused: PolicyError) -> None:
        """Move back the locations of ``refused`` (and of the source it read on, if any)."""
        if not self.changes:
            return
        refused.problems = tuple(self.problems(refused.problems))
        refused.args = ("\n".join(str(p) for p in refused.problems),)
        if isinstance(refused, AliasesRefused):  # its source is read on
            refused.source = self.source(refused.source)


NONE: Final = Columns()


def taken_out(text: str, offsets: Iterable[int]) -> Columns:
    """The columns of ``text`` once the characters at ``offsets`` (ascending) are taken out."""
    changes: dict[int, list[tuple[int, int]]] = {}
    line, counted = 1, 0
    for at in offsets:
        line += text.count("\n", counted, at)
        counted = at
        start = text.rfind("\n", 0, at) + 1
        shifts = changes.setdefault(line, [])
        # the character after it is now where it was, less those taken out before it
        shifts.append((at - start + 1 - len(shifts), 1))
    return Columns(changes)


def replaced(text: str, spans: Iterable[tuple[int, int, int]]) -> Columns:
    """The columns of ``text`` once each ``(start, end, length)`` span (ascending) is
    replaced by ``length`` characters, the first of which stands for the span's last (a
    colon and blanks before it read as ': ')."""
    changes: dict[int, list[tuple[int, int]]] = {}
    for start, end, length in spans:
        line = text.count("\n", 0, start) + 1
        shifts = changes.setdefault(line, [])
        before = sum(by for _, by in shifts)  # columns the line's earlier changes moved
        column = start - (text.rfind("\n", 0, start) + 1) + 1 - before
        written = end - start
        if written == length:
            continue
        shifts += [
            (column, written - 1),
            (column + 1, 1 - written),
            (column + length, written - length),
        ]
    return Columns({line: shifts for line, shifts in changes.items() if shifts})
