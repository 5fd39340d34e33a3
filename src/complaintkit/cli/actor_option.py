"""``--actor``: who takes an agent's step from the command line, recorded on its event.

Checked as staff's actor before the case is read (``desk.caller_actor``): an id, not
``system`` (the policy's own) and not ``customer:…`` (a customer acting themselves), so a
slip is a usage error naming the option rather than a step recorded under the wrong name.
"""

from __future__ import annotations

import click

from complaintkit.desk.caller_actor import staff_actor
from complaintkit.errors import InvalidInput


def _staff(_: click.Context, __: click.Parameter, actor: str) -> str:
    try:
        return staff_actor(actor)
    except InvalidInput as exc:
        raise click.BadParameter(exc.message) from None


actor_option = click.option(
    "--actor",
    envvar="COMPLAINTKIT_ACTOR",
    required=True,
    callback=_staff,
    help="Who does this (recorded on the event); or set COMPLAINTKIT_ACTOR.",
)
