"""The NAME of ``cases event``: refused as a usage error naming it when it can name no
custom event (``model.custom_events.refused_name``), before the store is opened, where
the step would fail on the case with exit 1 as if the case were at fault."""

from __future__ import annotations

import click

from complaintkit.model.custom_events import refused_name


def event_name(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """``value`` unchanged if it can name a custom event; else ``BadParameter``."""
    why = refused_name(value)
    if why is not None:
        raise click.BadParameter(why, ctx, param)
    return value
