"""A byte order mark (U+FEFF) past a policy file's start, as joining two files leaves it.

A file's own mark, at its very start, is dropped as the file is decoded. One further on is
what ``cat base.yaml extra.yaml`` or a second file pasted in below leaves where the second
began: YAML took it for a character of the line (a top-level key after it was 'not
indented like the keys above'; a value or an indented key kept it as text, unseen). Each
is named at its own line and column, and the text is read on without it, what is found
after it on its line named at the column the file has it in.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

import attrs

from complaintkit.errors import Location, PolicyError, Problem
from complaintkit.policy.seen_columns import NONE, Columns, taken_out
from complaintkit.policy.yaml_aliases import AliasesRefused

MARK: Final = "\ufeff"


def stray_byte_order_marks(text: str, file: str) -> tuple[str, list[Problem], Columns]:
    """A problem at each byte order mark after the text's first character, the text
    without any (a leading one is the file's own, dropped without a word), and its columns
    as the file has them."""
    text = text.removeprefix(MARK)
    problems: list[Problem] = []
    line, line_start, counted = 1, 0, 0
    at = text.find(MARK)
    while at >= 0:
        line += text.count("\n", counted, at)
        line_start = text.rfind("\n", counted, at) + 1 or line_start
        counted = at
        problems.append(_problem(Location(file, line, at - line_start + 1)))
        at = text.find(MARK, at + 1)
    if not problems:
        return text, [], NONE
    offsets = [at for at, char in enumerate(text) if char == MARK]
    return text.replace(MARK, ""), problems, taken_out(text, offsets)


@contextmanager
def said_first(problems: list[Problem], columns: Columns) -> Iterator[None]:
    """Put ``problems`` before those of a PolicyError raised inside, whose locations are
    in ``columns``: the file is refused for them as well, and a mark often explains the
    syntax error after it."""
    try:
        yield
    except PolicyError as refused:
        columns.refused(refused)
        if problems:
            refused.problems = (*problems, *refused.problems)
            refused.args = ("\n".join(str(p) for p in refused.problems),)
        if problems and isinstance(refused, AliasesRefused):  # its source is read on
            source = refused.source
            refused.source = attrs.evolve(source, problems=(*problems, *source.problems))
        raise


def _problem(where: Location) -> Problem:
    return Problem(
        where,
        "a byte order mark (U+FEFF, invisible) in the middle of the file: it belongs only at "
        "a file's very start, and is what joining two files leaves where the second began",
        "delete it (an editor that shows invisible characters shows it as <feff>); the rest "
        "of the file is checked as if you had",
        code="byte-order-mark",
    )
