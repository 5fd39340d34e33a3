"""A period option in whole seconds (``--mail-acknowledgement-period``): at least one, and
no longer than the longest duration a policy may give (or a shorter bound the option sets:
``--signature-window``), so that a value past what a
``timedelta`` holds is refused as a usage error naming the option, not a crash."""

from __future__ import annotations

from typing import Any

import click

from complaintkit.sla.durations import MAX_DAYS

#: The longest period an option takes: 100 years, as the longest duration a policy gives.
LONGEST_SECONDS = MAX_DAYS * 86_400

#: Most characters of a refused value shown in the error.
SHOWN = 80


class PeriodSeconds(click.IntRange):
    """Whole seconds from one to ``longest`` (``LONGEST_SECONDS``, said as ``said``); a
    refused value is shown cut short."""

    name = "seconds"

    def __init__(
        self,
        longest: int = LONGEST_SECONDS,
        said: str = "100 years, the longest period there is",
    ) -> None:
        super().__init__(min=1, max=longest)
        self.longest, self.said = longest, said

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        seconds = click.INT.convert(value, param, ctx)
        given = repr(value) if len(repr(value)) <= SHOWN else f"{repr(value)[:SHOWN]}…"
        if seconds > self.longest:
            self.fail(
                f"{given} seconds is longer than {self.said} ({self.longest} seconds)",
                param,
                ctx,
            )
        return super().convert(seconds, param, ctx)
