"""The error that says what went wrong, found in the chain a library raised it in."""

from __future__ import annotations

from typing import TypeVar

E = TypeVar("E", bound=BaseException)


def found_in_chain(failure: BaseException | None, kind: type[E]) -> E | None:
    """The first error of ``kind`` among ``failure``, what caused it, and what urllib's
    ``URLError`` holds as its ``reason``; None when there is none."""
    seen = failure
    for _ in range(8):  # a library's chain of errors is short
        if seen is None:
            return None
        if isinstance(seen, kind):
            return seen
        reason = getattr(seen, "reason", None)  # urllib's URLError holds it so
        seen = reason if isinstance(reason, BaseException) else seen.__cause__ or seen.__context__
    return None
