"""``--limit`` on the commands that list stored rows: one spelling, one range (any whole
number from 1 up: a huge one lists every row), one refusal of a value that is no count, and
one note on stderr when a list is cut short, so stdout stays the list (JSON too) and the
rows past the limit are not missed unseen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from complaintkit.cli.count_option import Count

#: Rows listed when --limit is not given (``cases list``'s too).
DEFAULT_LIMIT = 50

Row = TypeVar("Row")


def limit_option(
    what: str, help_text: str | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--limit N``: at most N of ``what`` listed, at least 1 (``help_text`` for a command
    whose list is not oldest first)."""
    return click.option(
        "--limit",
        type=Count(1),
        default=DEFAULT_LIMIT,
        show_default=True,
        help=help_text
        or f"Most {what} listed (the oldest first); a note on stderr says how many more "
        "were not shown.",
    )


def cut_to_limit(rows: list[Row], limit: int, what: str) -> list[Row]:
    """The first ``limit`` of ``rows``, every one of which matched; a note on stderr says
    how many more were not shown."""
    if len(rows) > limit:
        click.echo(
            f"the first {limit} {what} shown; {len(rows) - limit} more not shown: "
            "narrow the list or raise --limit",
            err=True,
        )
    return rows[:limit]
