"""File and folder parameters that refuse a name holding a NUL.

No file is named so, and click's own check of a path (``os.stat``, ``open``) raises
``ValueError: embedded null byte`` for one, which is no ``OSError`` and so left the command
in a traceback. A shell cannot pass a NUL; a program calling ``main(argv)`` with a path it
built can. It is refused as a usage error naming the parameter, as a path that does not
exist is.
"""

from __future__ import annotations

import os
from typing import Any

import click

from complaintkit.cli.standard_input import refuse_closed_stdin

#: Most characters of a refused name shown in the error.
_SHOWN_CHARS = 60


def _refuse_nul(
    kind: click.ParamType[Any], value: Any, param: click.Parameter | None, ctx: click.Context | None
) -> None:
    if not isinstance(value, str | bytes | os.PathLike):
        return  # an open file (``-``), or a default click passes on as it is
    name = os.fsdecode(value)
    if "\x00" in name:
        shown = repr(name)[:_SHOWN_CHARS]
        kind.fail(
            f"{shown} holds a NUL character at position {name.index(chr(0))}; no file is named so",
            param,
            ctx,
        )


class NamedPath(click.Path):
    """``click.Path``, refusing a name holding a NUL."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        _refuse_nul(self, value, param, ctx)
        return super().convert(value, param, ctx)


class NamedFile(click.File):
    """``click.File``, refusing a name holding a NUL, and ``-`` to read when there is no
    standard input."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        _refuse_nul(self, value, param, ctx)
        if "r" in self.mode:
            refuse_closed_stdin(value, param, ctx)
        return super().convert(value, param, ctx)
