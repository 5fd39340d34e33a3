"""Progress bars for long commands: on a terminal only, never on a pipe or with ``--json``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO, TypeVar

import click

T = TypeVar("T")


@contextmanager
def progress(
    items: Iterable[T],
    label: str,
    *,
    length: int | None = None,
    enabled: bool = True,
    stream: TextIO | None = None,
) -> Iterator[Iterable[T]]:
    """``items``, drawing a bar on ``stream`` (stderr) while they are consumed.

    Output stays clean for scripts: no bar when ``stream`` is not a terminal or when the
    command prints JSON (``enabled=False``).
    """
    stream = stream if stream is not None else sys.stderr
    if not enabled or not stream.isatty():
        yield items
        return
    with click.progressbar(items, length=length, label=label, file=stream, show_pos=True) as bar:
        yield bar


@contextmanager
def progress_counter(
    label: str,
    *,
    length: int | None = None,
    enabled: bool = True,
    stream: TextIO | None = None,
) -> Iterator[Callable[[int], None]]:
    """A function to call with each finished step's size: a bar when the ``length`` is
    known, a running count when it is not, on a terminal only."""
    stream = stream if stream is not None else sys.stderr
    if not enabled or not stream.isatty():
        yield lambda done: None
        return
    if length is not None:
        with click.progressbar(length=length, label=label, file=stream, show_pos=True) as bar:
            yield bar.update
        return
    # a generator has no length hint, so click draws a running count instead of a bar
    unknown_length: Iterator[int] = (step for step in range(0))
    with click.progressbar(unknown_length, label=label, file=stream, show_pos=True) as bar:
        yield bar.update
