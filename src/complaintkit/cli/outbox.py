"""``complaintkit outbox``: what is waiting to be sent, what was sent and what died; and
``outbox requeue``, which sends dead deliveries again once their receiver is fixed."""

from __future__ import annotations

from typing import get_args

import click

from complaintkit.cli.choice import Named
from complaintkit.cli.context import App, echo_json, json_option, pass_app
from complaintkit.cli.errors import utf8_text
from complaintkit.cli.id_argument import looked_up_id
from complaintkit.cli.limit_option import cut_to_limit, limit_option
from complaintkit.cli.quoted import quoted
from complaintkit.cli.terminal import in_row
from complaintkit.delivery.outgoing import Delivery, State
from complaintkit.visible import shown


def _line(delivery: Delivery) -> str:
    outgoing = delivery.outgoing
    due = delivery.next_attempt_at.isoformat() if delivery.next_attempt_at else "-"
    if delivery.next_attempt_at is None and (delivery.state == "pending" or delivery.due_damaged):
        due = "unknown"  # its stored due time is no instant (pending: never due until it is)
    # a receiver's own answer: its escapes and line breaks shown inert, on this one row
    error = f"  {in_row(delivery.last_error)}" if delivery.last_error else ""
    return (
        f"{delivery.position:>6} {delivery.state:<9} {in_row(outgoing.via):<12} {outgoing.kind:<7} "
        f"{outgoing.case_id}  {outgoing.delivery_id}  tries {delivery.attempts}  next {due}{error}"
    )


def _deliveries(count: int) -> str:
    return f"{count} deliver{'y' if count == 1 else 'ies'}"


@click.group(invoke_without_command=True)
@click.option(
    "--state",
    type=Named(get_args(State), "STATE"),
    help="Only deliveries in this state (default: all).",
)
@click.option(
    "--case", "case_id", callback=looked_up_id, metavar="ID", help="Only deliveries for this case."
)
@limit_option("deliveries")
@json_option
@pass_app
@click.pass_context
def outbox(
    ctx: click.Context,
    app: App,
    state: State | None,
    case_id: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """List the outbox: each notification and published event, its state and its attempts.

    `pending` deliveries wait for `complaintkit deliver` (or `serve`, `tick --loop`);
    `dead` ones gave up after their last attempt and are also dead letters from
    `notify:<notifier>:<delivery id>`; `complaintkit outbox requeue` sends them again.
    """
    if ctx.invoked_subcommand is not None:
        return
    every = app.desk(read_only=True).storage.deliveries(state, case_id)
    deliveries = cut_to_limit(every, limit, "deliveries")
    if as_json:
        echo_json([d.to_json() for d in deliveries])
        return
    for delivery in deliveries:
        click.echo(_line(delivery))
    click.echo(_deliveries(len(deliveries)))


def _notifier(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--via`` as given; a blank one (``--via "$NOTIFIER"`` of an unset variable) or one
    holding a NUL names no notifier, and would requeue nothing while exiting 0."""
    value = utf8_text(ctx, param, value)
    if value is not None and (not value.strip() or "\x00" in value):
        raise click.BadParameter(
            f"{quoted(value)} is blank or holds a NUL, and names no notifier; "
            "leave --via out to mean every notifier",
            ctx,
            param,
        )
    return value


@outbox.command()
@click.argument("delivery_ids", nargs=-1, metavar="[DELIVERY_ID]...")
@click.option("--all", "every", is_flag=True, help="Every dead delivery (of --via, if given).")
@click.option(
    "--via", metavar="NAME", callback=_notifier, help="Only deliveries through this notifier."
)
@json_option
@pass_app
def requeue(
    app: App, delivery_ids: tuple[str, ...], every: bool, via: str | None, as_json: bool
) -> None:
    """Put dead deliveries back to pending, due now, with their attempts counted afresh.

    Fix the receiver first (the address, the URL, the server); the next `deliver` sends
    them under their own delivery ids. Their dead letters stay: purge them when done.
    """
    if every == bool(delivery_ids):
        raise click.UsageError("name the deliveries to requeue, or pass --all (not both)")
    desk = app.desk(existing=True)
    every_dead = desk.storage.deliveries("dead")
    dead = {d.outgoing.delivery_id for d in every_dead if via is None or d.outgoing.via == via}
    if every and via is not None and not dead:  # a misspelt notifier would read as nothing to do
        named = ", ".join(sorted({shown(d.outgoing.via, lines=False) for d in every_dead}))
        click.echo(
            f"--via: no dead delivery went through {quoted(via)}; "
            + (f"the dead ones went through: {named}" if named else "no delivery is dead"),
            err=True,
        )
    missing = [id_ for id_ in dict.fromkeys(delivery_ids) if id_ not in dead]
    if missing:  # a typo would otherwise leave the delivery dead, with exit status 0
        through = f"through {quoted(via)} " if via is not None else ""
        raise click.BadParameter(
            f"no dead delivery {through}with id {', '.join(map(quoted, missing))}; "
            "`complaintkit outbox --state dead` lists them",
            param_hint="DELIVERY_ID",
        )
    count = desk.storage.requeue_dead(None if every else delivery_ids, via, desk.clock.now())
    if as_json:
        echo_json({"requeued": count})
        return
    click.echo(f"{_deliveries(count)} requeued")
