"""A count option that shows a value it refuses cut short, by its start and end, saying how
much was left out: a mistyped or generated value of thousands of digits would otherwise be
repeated whole in the one-line error."""

from __future__ import annotations

from typing import Any

import click

from complaintkit.brief import brief

#: Most characters of a refused value shown in the error.
SHOWN = 80


class Count(click.IntRange):
    """A whole number of at least ``minimum``; a refused value is shown cut short."""

    name = "count"

    def __init__(self, minimum: int) -> None:
        super().__init__(min=minimum)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            shown = repr(value)
            if len(shown) <= SHOWN:
                raise
            self.fail(
                f"{brief(shown, SHOWN)} is not a whole number of at least {self.min}",
                param,
                ctx,
            )
