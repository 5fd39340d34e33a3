"""Words a person must write on the command line: a response, a note, a resolution.

``cases note ID ''`` (a shell variable left unset) opened the store, read the case and
ended with exit 1, as if the case had refused the step. The Desk refuses such text before
it changes anything, so the command line refuses it first, as a usage error (exit 2)
naming the argument, in the Desk's own words (:func:`complaintkit.desk.fold.said`).
"""

from __future__ import annotations

from collections.abc import Callable

import click

from complaintkit.cli.errors import utf8_text
from complaintkit.desk.fold import said
from complaintkit.errors import InvalidInput

Callback = Callable[[click.Context, click.Parameter, str], str]


def said_text(ask: str = "is empty; say something") -> Callback:
    """The callback of an argument that must say something, refused with ``ask``."""

    def check(ctx: click.Context, param: click.Parameter, value: str) -> str:
        text = utf8_text(ctx, param, value)
        try:
            return said(text, str(param.name), ask)
        except InvalidInput as exc:
            raise click.BadParameter(exc.message, ctx, param) from None

    return check
