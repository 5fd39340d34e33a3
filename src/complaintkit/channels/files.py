"""Opening a channel's source file with an error that says which file and what to do."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from complaintkit.errors import ConfigError


@contextmanager
def open_source(source: str, kind: str, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Open ``source`` as text (``-`` is stdin); a missing file is a ``ConfigError``."""
    if source == "-":
        yield sys.stdin
        return
    try:
        handle = open(source, encoding=encoding, newline="")  # noqa: SIM115 -- closed below
    except OSError as exc:
        raise ConfigError(f"cannot open {kind} source {source!r}: {exc.strerror}") from None
    with handle:
        yield handle
