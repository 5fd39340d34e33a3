"""One of a few names, as a person types it: in any case, with ``-`` or a blank for ``_``.

:class:`click.Choice` shows every name in the usage line and the error's heading (``cases
move`` printed its twelve statuses three times over) and refuses ``RESOLVED`` and
``waiting-on-customer``. A :class:`Named` argument shows one word (``STATUS``) where the
names went (an option's help still lists them); it takes a name however it is cased or
joined and, for a slip, offers the name meant.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from complaintkit.policy.typos import close_matches


class Named(click.Choice[str]):
    """A name from ``names``, shown as ``word`` (``STATUS``) in usage lines and errors."""

    def __init__(self, names: Sequence[str], word: str) -> None:
        super().__init__(list(names))
        self.word = word

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str | None:
        """The word in an argument's place; an option's help keeps listing the names."""
        if isinstance(param, click.Argument):
            return self.word
        return super().get_metavar(param, ctx)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if not isinstance(value, str):
            return str(super().convert(value, param, ctx))
        folded = value.strip().casefold().replace("-", "_").replace(" ", "_")
        for name in self.choices:
            if str(name).casefold() == folded:
                return str(name)
        names = [str(name) for name in self.choices]
        meant = close_matches(folded, names, n=1)
        hint = f" (did you mean {meant[0]!r}?)" if meant else ""
        refused = f"{value!r} is no {self.word.lower()}{hint}; one of: {', '.join(names)}"
        raise click.BadParameter(refused, ctx, param)
