"""``complaintkit outbox``: what is waiting to be sent, what was sent and what died."""

from __future__ import annotations

from typing import get_args

import click

from complaintkit.cli.context import App, echo_json, json_option, pass_app
from complaintkit.delivery.outgoing import Delivery, State


def _line(delivery: Delivery) -> str:
    outgoing = delivery.outgoing
    due = delivery.next_attempt_at.isoformat() if delivery.next_attempt_at else "-"
    error = f"  {delivery.last_error}" if delivery.last_error else ""
    return (
        f"{delivery.position:>6} {delivery.state:<9} {outgoing.via:<12} {outgoing.kind:<7} "
        f"{outgoing.case_id}  tries {delivery.attempts}  next {due}{error}"
    )


@click.command()
@click.option(
    "--state",
    type=click.Choice(get_args(State)),
    help="Only deliveries in this state (default: all).",
)
@click.option("--case", "case_id", metavar="ID", help="Only deliveries for this case.")
@json_option
@pass_app
def outbox(app: App, state: State | None, case_id: str | None, as_json: bool) -> None:
    """List the outbox: each notification and published event, its state and its attempts.

    `pending` deliveries wait for `complaintkit deliver` (or `serve`, `tick --loop`);
    `dead` ones gave up after their last attempt and are also dead letters from
    `notify:<notifier>`.
    """
    deliveries = app.desk().storage.deliveries(state, case_id)
    if as_json:
        echo_json([d.to_json() for d in deliveries])
        return
    for delivery in deliveries:
        click.echo(_line(delivery))
    click.echo(f"{len(deliveries)} deliver{'y' if len(deliveries) == 1 else 'ies'}")
