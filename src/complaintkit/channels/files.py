"""Opening a channel's source file with an error that says which file and what to do."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from complaintkit.errors import ConfigError

_ESCAPED = re.compile("[\udc80-\udcff]")


@contextmanager
def open_source(source: str, kind: str, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Open ``source`` as text (``-`` is stdin); a missing file is a ``ConfigError``.

    Bytes that are not valid in ``encoding`` are read as lone surrogates
    (``surrogateescape``), so one bad byte costs its record, not the file: ``raw_bytes``
    gives the record's bytes back exactly and ``undecodable`` finds the first bad one.
    """
    if source == "-":
        stdin = io.TextIOWrapper(
            sys.stdin.buffer, encoding=encoding, errors="surrogateescape", newline=""
        )
        try:
            yield stdin
        finally:
            stdin.detach()  # sys.stdin stays open for whoever reads it next
        return
    try:
        handle = open(  # noqa: SIM115 -- closed below
            source, encoding=encoding, errors="surrogateescape", newline=""
        )
    except OSError as exc:
        raise ConfigError(f"cannot open {kind} source {source!r}: {exc.strerror}") from None
    with handle:
        yield handle


def raw_bytes(text: str, encoding: str = "utf-8") -> bytes:
    """The bytes ``text`` was read from by ``open_source``, invalid ones included."""
    return text.encode(encoding, errors="surrogateescape")


def undecodable(text: str) -> int | None:
    """Index of the first byte ``open_source`` could not decode in ``text``, if any."""
    found = _ESCAPED.search(text)
    return None if found is None else found.start()
